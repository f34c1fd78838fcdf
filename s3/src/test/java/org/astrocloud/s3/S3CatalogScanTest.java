package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanOrigin;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.catalog.InMemoryHeaderCatalog;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Re-indexing an unchanged S3 prefix through a catalog makes only LIST requests, counted by a proxy
 * in front of s3proxy; an object overwritten in between is the only one read again.
 */
class S3CatalogScanTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        S3TestSupport.useServerKeys();
        s3 = S3ProxyServer.inMemory().start();
        s3.createBucket("idx");
    }

    @AfterAll
    static void stop() {
        ByteRangeSources.installed().close();
        if (s3 != null) {
            s3.close();
        }
    }

    /** A primary header with NAXIS = 0 and one card telling the files apart: 2880 bytes of FITS. */
    private static byte[] fits(int n) {
        StringBuilder h = new StringBuilder();
        for (String card : List.of("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", String.format(Locale.ROOT, "OBJNO   = %20d", n), "END")) {
            h.append(String.format(Locale.ROOT, "%-80s", card));
        }
        while (h.length() < 2880) {
            h.append(' ');
        }
        return h.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anUnchangedPrefixCostsOnlyItsListingAndAChangedObjectIsReadAgain() {
        for (int i = 0; i < 5; i++) {
            s3.put("idx", "sector/f" + i + ".fits", fits(i));
        }
        try (FaultProxy proxy = new FaultProxy(s3.endpoint().toString(), n -> FaultProxy.Action.FORWARD)) {
            FitsScanner scanner = FitsScanner.create()
                    .option(S3Options.ENDPOINT, URI.create("http://127.0.0.1:" + proxy.port()))
                    .option(S3Options.CREDENTIALS, S3Credentials.DEFAULT_CHAIN)
                    .option(S3Options.TRANSPORT, S3TestSupport.transport())
                    .catalog(InMemoryHeaderCatalog.create(), Duration.ZERO);
            URI prefix = URI.create("s3://idx/sector/");

            List<ScanResult> first = scanner.scanAllObjects(scanner.list(prefix)).collectList().block(TIMEOUT);
            assertEquals(5, first.size());
            assertTrue(first.stream().allMatch(r -> r.isOk() && r.origin() == ScanOrigin.WALKED), first.toString());
            int seen = proxy.received().size();

            List<ScanResult> second = scanner.scanAllObjects(scanner.list(prefix)).collectList().block(TIMEOUT);
            assertTrue(second.stream().allMatch(r -> r.origin() == ScanOrigin.REVALIDATED), second.toString());
            List<RangeFileServer.Request> again = proxy.received().subList(seen, proxy.received().size());
            assertEquals(1, again.size(), "one LIST page: " + again);
            assertTrue(again.get(0).uri().contains("list-type=2"), again.get(0).uri());

            s3.put("idx", "sector/f3.fits", fits(33));
            seen = proxy.received().size();
            List<ScanResult> third = scanner.scanAllObjects(scanner.list(prefix)).collectList().block(TIMEOUT);
            List<ScanResult> walked = third.stream().filter(r -> r.origin() == ScanOrigin.WALKED).toList();
            assertEquals(1, walked.size(), third.toString());
            assertTrue(walked.get(0).uri().toString().endsWith("f3.fits"));
            assertEquals(33, walked.get(0).headers().get(0).longValue("OBJNO").getAsLong());
            List<RangeFileServer.Request> reads = proxy.received().subList(seen, proxy.received().size()).stream()
                    .filter(r -> !r.uri().contains("list-type=2")).toList();
            assertEquals(1, reads.size(), "only the overwritten object is read: " + reads);
        }
    }
}
