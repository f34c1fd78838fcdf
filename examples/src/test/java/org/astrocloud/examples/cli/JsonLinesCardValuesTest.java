package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.testkit.FitsBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code header} map of an {@code hdu} line renders each value as the FITS 4.0 standard reads
 * it: commentary text is bytes 9-80 with only trailing blanks removed (section 4.4.2.4), a complex
 * value is {@code [re, im]} (sections 4.2.5 and 4.2.6), an integer beyond 64 bits a JSON integer.
 */
class JsonLinesCardValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void headerValuesShouldKeepCommentaryTextVerbatimAndRenderComplexValuesAsPairs() throws Exception {
        Path file = Files.write(dir.resolve("cards.fits"), FitsBytes.header("SIMPLE  =                    T",
                "BITPIX  =                    8", "NAXIS   =                    0",
                "COMMENT    indented by three", "HISTORY   step  1   flat      2.5   ", "          blank keyword",
                "CPLXINT = (137, -1)", "CPLXREA = (1.5, -2.0D3) / complex", "BIGINT  = 123456789012345678901234567890",
                "NOEQUALS  'no value indicator'", "UNDEF   =                      / undefined"));
        ScanResult result = FitsScanner.create().scanFile(file.toUri()).block(Duration.ofSeconds(30));
        StringWriter out = new StringWriter();

        new JsonLines(out, false, false, false, UriText.REDACTED).write(result);

        JsonNode header = JSON.readTree(out.toString().split("\n")[0]).get("header");
        assertEquals(List.of("   indented by three"), texts(header.get("COMMENT")));
        assertEquals(List.of("  step  1   flat      2.5"), texts(header.get("HISTORY")));
        assertEquals(List.of("  blank keyword"), texts(header.get("")));
        assertEquals("[137,-1]", header.get("CPLXINT").toString());
        assertTrue(header.get("CPLXINT").get(0).isIntegralNumber(), "a complex integer's parts are integers");
        assertEquals("[1.5,-2000.0]", header.get("CPLXREA").toString());
        assertEquals(new BigInteger("123456789012345678901234567890"), header.get("BIGINT").bigIntegerValue());
        assertEquals("  'no value indicator'", header.get("NOEQUALS").asText());
        assertTrue(header.get("UNDEF").isNull());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
