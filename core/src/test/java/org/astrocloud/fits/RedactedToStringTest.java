package org.astrocloud.fits;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.testkit.FitsBytes;
import org.junit.jupiter.api.Test;

/** The public types that show a URI in {@code toString()} mask its secrets, as messages do. */
class RedactedToStringTest {
    private static final URI SECRET = URI.create("mem://reader:PASSWORD-1@host/x.fits?X-Amz-Signature=SIGNATURE-2&a=b");

    @Test
    void headersAndResultsShouldMaskUserInfoAndSignatures() {
        byte[] file = FitsBytes.header(FitsBytes.card("SIMPLE", true), FitsBytes.card("BITPIX", 8),
                FitsBytes.card("NAXIS", 0));
        FitsHeader header = FitsScanner.create().scan(MemoryByteRangeSource.of(SECRET, file))
                .blockFirst(Duration.ofSeconds(10));
        ScanResult result = ScanResult.failed(SECRET, new IllegalStateException("x"));

        for (String text : List.of(header.toString(), result.toString())) {
            assertFalse(text.contains("PASSWORD-1") || text.contains("SIGNATURE-2"), text);
            assertTrue(text.contains("X-Amz-Signature=****") && text.contains("a=b"), text);
        }
    }
}
