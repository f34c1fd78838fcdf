package org.astrocloud.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HDU line's {@code header} renders each value as the FITS 4.0 standard reads it: commentary
 * text is bytes 9-80 with only trailing blanks removed (section 4.4.2.4), and a complex value is
 * the JSON array {@code [re, im]} (sections 4.2.5 and 4.2.6).
 */
class HduLineTest {
    @TempDir
    Path dir;

    @Test
    void headerShouldKeepCommentaryTextVerbatimAndRenderComplexValuesAsPairs() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String card : List.of("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", "COMMENT    indented by three", "HISTORY   step  1   flat      2.5   ",
                "CPLXINT = (137, -1)", "CPLXREA = (1.5, -2.0D3) / complex", "END")) {
            text.append(String.format(Locale.ROOT, "%-80s", card));
        }
        text.append(" ".repeat(2880 - text.length()));
        Path file = Files.write(dir.resolve("cards.fits"), text.toString().getBytes(StandardCharsets.US_ASCII));
        FitsHeader h = FitsScanner.create().scan(file.toUri()).blockFirst(Duration.ofSeconds(30));

        HduLine line = HduLine.of(h);

        assertThat(line.header().get("COMMENT")).isEqualTo(List.of("   indented by three"));
        assertThat(line.header().get("HISTORY")).isEqualTo(List.of("  step  1   flat      2.5"));
        String json = JsonMapper.builder().build().writeValueAsString(line.header());
        assertThat(json).contains("\"CPLXINT\":[137,-1]").contains("\"CPLXREA\":[1.5,-2000.0]");
    }
}
