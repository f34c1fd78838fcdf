package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seeds of {@link RangeAnswerFuzzTest}, written here, and a check that the checked-in files are
 * these. Rewrite them with
 * {@code mvn -o -pl http -am test -Dtest=RangeAnswerSeedsTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.seeds.write=true}.
 */
class RangeAnswerSeedsTest {
    private static final Path DIR = Path.of("src/test/resources/org/astrocloud/http/RangeAnswerFuzzTestInputs/"
            + "anyAnswerIsReadWithoutException");

    /** Answers of each kind, in the layout of {@link ResponseInput}. */
    static Map<String, String> seeds() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("partial", "206 0 65536 0\nContent-Range: bytes 0-65535/44316717120\nContent-Length: 65536\n"
                + "ETag: \"5f3a-1\"\nLast-Modified: Sun, 06 Nov 1994 08:49:37 GMT\nAccept-Ranges: bytes");
        s.put("partial-wrong-start", "206 2880 2880 0\ncontent-range: bytes 0-2879/*");
        s.put("whole-small", "200 0 65536 1048576\nContent-Length: 14400\nETag: W/\"weak\"");
        s.put("whole-gzip", "200 0 65536 1048576\nContent-Length: 14400\nContent-Encoding: gzip");
        s.put("past-end", "416 44316717120 2880 0\nContent-Range: bytes */44316717120");
        s.put("not-modified", "304 0 1 0\nETag: \"v1\"\nLast-Modified: Sunday, 06-Nov-94 08:49:37 GMT");
        s.put("redirect", "307 0 2880 0\nLocation: https://example.org/elsewhere.fits");
        s.put("throttled", "503 0 2880 0\nRetry-After: Sun, 06 Nov 1994 08:49:37 GMT");
        s.put("throttled-seconds", "429 0 2880 0\nRetry-After: 120");
        s.put("forbidden", "403 0 2880 0\nx-amz-request-id: 0123456789ABCDEF");
        return s;
    }

    @Test
    void checkedInSeedsAreTheseSeeds() throws IOException {
        boolean write = Boolean.getBoolean("fuzz.seeds.write");
        for (Map.Entry<String, String> seed : seeds().entrySet()) {
            Path file = DIR.resolve("seed-" + seed.getKey());
            byte[] bytes = seed.getValue().getBytes(StandardCharsets.ISO_8859_1);
            if (write) {
                Files.createDirectories(DIR);
                Files.write(file, bytes);
            }
            assertTrue(Files.isRegularFile(file), () -> file + " is missing: rewrite the seeds (see this class)");
            assertArrayEquals(bytes, Files.readAllBytes(file), () -> file + " differs from what this test writes");
        }
    }
}
