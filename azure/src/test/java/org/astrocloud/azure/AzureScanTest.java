package org.astrocloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.error.TransientSourceException;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RetryOptions;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.FaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scanning Azure blobs end to end against Azurite (Shared Key): the full-size sparse sector-22 cube
 * in two GETs (counted by a proxy), a glob over 16 cubes listed and scanned, listing page by page
 * only on demand, and the failures (missing blob or container, a wrong key, 503 ServerBusy) as our
 * typed errors. Expected layouts are the published ones and FITS arithmetic, not the code's.
 */
class AzureScanTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The published layout of tess-s0022-4-4-cube.fits. */
    private static final long CUBE_SIZE = 44_316_717_120L;
    private static final List<Long> CUBE_HEADER_OFFSETS = List.of(0L, 2880L, 44_315_069_760L);
    /** Cubes of 2 FFIs: the table header at 2 x 2880 + pad(2 x 2 x 2136 x 2078 x 4 = 71,017,728) = 5,760 + 71,017,920. */
    private static final long SMALL_CUBE_TABLE_AT = 5760L + 71_017_920L;
    /** Their size: the table header (16 blocks, as in every SPOC cube) and 2 rows of 1,282 bytes, padded. */
    private static final long SMALL_CUBE_SIZE = SMALL_CUBE_TABLE_AT + 46_080 + 2880;

    @TempDir
    static Path dir;
    static Azurite azurite;
    static FitsScanner scanner;
    static final List<String> sixteen = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        azurite = Azurite.start(Files.createDirectories(dir.resolve("azurite")));
        scanner = scanner(azurite.endpoint(), Azurite.KEY);
        BlobContainerClient tess = azurite.container("tess");
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
        SparseUpload.upload(tess.getBlobClient("tess-s0022-4-4-cube.fits").getBlockBlobClient(), cube,
                CUBE_HEADER_OFFSETS.get(2), 64 << 20);
        Files.delete(cube);
        for (int camera = 1; camera <= 4; camera++) {
            for (int ccd = 1; ccd <= 4; ccd++) {
                String name = String.format(Locale.ROOT, "s0001/tess-s0001-%d-%d-cube.fits", camera, ccd);
                Path small = TessFiles.writeCube(dir.resolve("small.fits"), 1, camera, ccd, 2);
                SparseUpload.upload(tess.getBlobClient(name).getBlockBlobClient(), small, SMALL_CUBE_TABLE_AT, 4 << 20);
                Files.delete(small);
                sixteen.add("az://tess/" + name);
            }
        }
        // decoys the glob's prefix lists but its pattern rejects
        tess.getBlobClient("s0001/tess-s0001-1-1-cube.fits.gz").upload(com.azure.core.util.BinaryData.fromString("x"));
        tess.getBlobClient("s0001/old/tess-s0001-1-1-cube.fits").upload(com.azure.core.util.BinaryData.fromString("x"));
        BlobContainerClient many = azurite.container("many");
        for (int i = 0; i < 12; i++) {
            many.getBlobClient(String.format(Locale.ROOT, "f-%02d.bin", i)).upload(com.azure.core.util.BinaryData.fromString("x"));
        }
    }

    @AfterAll
    static void stop() {
        ByteRangeSources.installed().close();
        if (azurite != null) {
            azurite.close();
        }
    }

    static FitsScanner scanner(URI endpoint, String key) {
        return FitsScanner.create().option(AzureOptions.ENDPOINT, endpoint)
                .option(AzureOptions.ACCOUNT, Azurite.ACCOUNT).option(AzureOptions.ACCOUNT_KEY, key)
                .option(RetryOptions.BACKOFF, Duration.ofMillis(10)).option(RetryOptions.MAX_BACKOFF, Duration.ofMillis(50));
    }

    private static URI through(FaultProxy proxy) {
        return URI.create("http://127.0.0.1:" + proxy.port() + "/" + Azurite.ACCOUNT);
    }

    @Test
    void sectorTwentyTwoCubeShouldWalkInTwoGets() {
        try (FaultProxy proxy = new FaultProxy(azurite.endpoint().resolve("/").toString(), i -> FaultProxy.Action.FORWARD)) {
            ScanResult r = scanner(through(proxy), Azurite.KEY).scanFile(URI.create("az://tess/tess-s0022-4-4-cube.fits"))
                    .block(TIMEOUT);
            assertTrue(r.isOk(), () -> String.valueOf(r.error()));
            assertEquals(CUBE_HEADER_OFFSETS, r.headers().stream().map(FitsHeader::headerOffset).toList());
            assertEquals(List.of(2L, 1248L, 2136L, 2078L), r.headers().get(1).naxis());
            assertEquals(CUBE_SIZE, r.size().getAsLong());
            assertEquals(2, r.requests());
            assertEquals(2, proxy.requestCount(), () -> "requests: " + proxy.received());
        }
    }

    @Test
    void globOverSixteenCubesShouldListAndScanEach() {
        List<ScanResult> results = scanner.scanAll(scanner.expand(URI.create("az://tess/s0001/tess-s0001-*-cube.fits")))
                .collectList().block(TIMEOUT);
        assertEquals(sixteen.stream().sorted().toList(), results.stream().map(r -> r.uri().toString()).sorted().toList());
        for (ScanResult r : results) {
            assertTrue(r.isOk(), () -> r.uri() + ": " + r.error());
            assertEquals(SMALL_CUBE_SIZE, r.size().getAsLong(), r.uri()::toString);
            assertEquals(List.of(0L, 2880L, SMALL_CUBE_TABLE_AT), r.headers().stream().map(FitsHeader::headerOffset).toList());
        }
    }

    @Test
    void anHttpsGlobWithAContainerSasShouldListBlobsThatReadWithThatSas() {
        String sas = azurite.container("tess").generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                new BlobContainerSasPermission().setReadPermission(true).setListPermission(true)));
        // the account is the development one, so the configured endpoint (Azurite) is its endpoint; no key is given
        FitsScanner sasOnly = FitsScanner.create().option(AzureOptions.ENDPOINT, azurite.endpoint())
                .option(AzureOptions.ACCOUNT, Azurite.ACCOUNT);
        URI glob = URI.create("https://" + Azurite.ACCOUNT + ".blob.core.windows.net/tess/s0001/tess-s0001-*-cube.fits?" + sas);

        List<ScanResult> results = sasOnly.scanAll(sasOnly.expand(glob)).collectList().block(TIMEOUT);

        assertEquals(16, results.size());
        for (ScanResult r : results) {
            assertTrue(r.isOk(), () -> Redaction.redact(r.uri()) + ": " + r.error());
            assertEquals(SMALL_CUBE_SIZE, r.size().getAsLong());
            assertTrue(r.uri().getRawQuery().equals(sas), "the listed blob carries the listing's SAS");
            assertFalse(Redaction.redact(r.uri()).contains(r.uri().getRawQuery()), "and messages mask its signature");
        }
        URI unsigned = URI.create(glob.toString().substring(0, glob.toString().indexOf('?')));
        assertInstanceOf(ObjectAccessDeniedException.class, org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> sasOnly.expand(unsigned).collectList().block(TIMEOUT)), "the container is private: the SAS did it");
    }

    @Test
    void listingShouldFetchPagesOnlyAsUrisAreRequested() throws Exception {
        try (FaultProxy proxy = new FaultProxy(azurite.endpoint().resolve("/").toString(), i -> FaultProxy.Action.FORWARD)) {
            // pages of 5 here, so that 12 blobs make 3 pages
            var provider = new AzureByteRangeSourceProvider(Map.of(), 5);
            var options = org.astrocloud.fits.spi.SourceOptions.empty().with(AzureOptions.ENDPOINT, through(proxy))
                    .with(AzureOptions.ACCOUNT, Azurite.ACCOUNT).with(AzureOptions.ACCOUNT_KEY, Azurite.KEY);
            assertEquals(3, provider.expand(URI.create("az://many/"), options).take(3).collectList().block(TIMEOUT).size());
            Thread.sleep(300);
            assertEquals(1, proxy.requestCount(), () -> "requests: " + proxy.received());
            assertEquals(12, provider.expand(URI.create("az://many/"), options).collectList().block(TIMEOUT).size());
            assertEquals(1 + 3, proxy.requestCount());
        }
    }

    @Test
    void aListingPageThatFailsOnceShouldBeAskedAgain() throws Exception {
        // the second page's first request fails: the listing asks that page again and ends complete
        try (FaultProxy proxy = new FaultProxy(azurite.endpoint().resolve("/").toString(),
                i -> i == 1 ? FaultProxy.Action.status(503, Map.of()) : FaultProxy.Action.FORWARD)) {
            var provider = new AzureByteRangeSourceProvider(Map.of(), 5);
            var options = org.astrocloud.fits.spi.SourceOptions.empty().with(AzureOptions.ENDPOINT, through(proxy))
                    .with(AzureOptions.ACCOUNT, Azurite.ACCOUNT).with(AzureOptions.ACCOUNT_KEY, Azurite.KEY)
                    .with(org.astrocloud.fits.spi.RetryOptions.MAX_RETRIES, 2)
                    .with(org.astrocloud.fits.spi.RetryOptions.BACKOFF, Duration.ofMillis(1));
            List<URI> all = provider.expand(URI.create("az://many/"), options).collectList().block(TIMEOUT);
            assertEquals(12, all.size());
            assertEquals(all.stream().distinct().sorted().toList(), all, "each blob once, in name order");
            assertEquals(3 + 1, proxy.requestCount(), () -> "3 pages and the one asked again: " + proxy.received());
        }
    }

    @Test
    void aStalledListingShouldEndAtTheReadTimeoutOfTheReads() {
        try (FaultProxy proxy = new FaultProxy(azurite.endpoint().resolve("/").toString(),
                i -> FaultProxy.Action.delay(Duration.ofSeconds(30)))) {
            var options = org.astrocloud.fits.spi.SourceOptions.empty().with(AzureOptions.ENDPOINT, through(proxy))
                    .with(AzureOptions.ACCOUNT, Azurite.ACCOUNT).with(AzureOptions.ACCOUNT_KEY, Azurite.KEY)
                    .with(HttpOptions.READ_TIMEOUT, Duration.ofMillis(500));
            Throwable e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> new AzureByteRangeSourceProvider(Map.of(), 5).expand(URI.create("az://many/"), options)
                            .collectList().block(Duration.ofSeconds(15)));
            assertInstanceOf(TransientSourceException.class, e, () -> "not the read time-out: " + e);
        }
    }

    @Test
    void missingBlobAndContainerShouldBeNotFound() {
        assertInstanceOf(ObjectNotFoundException.class, scanner.scanFile(URI.create("az://tess/nope.fits")).block(TIMEOUT).error().orElseThrow());
        assertInstanceOf(ObjectNotFoundException.class, scanner.scanFile(URI.create("az://nocontainer/x.fits")).block(TIMEOUT).error().orElseThrow());
        Throwable listing = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> scanner.expand(URI.create("az://nocontainer/")).collectList().block(TIMEOUT));
        assertInstanceOf(ObjectNotFoundException.class, listing);
    }

    @Test
    void wrongKeyAndBadSasShouldBeDenied() {
        String wrongKey = java.util.Base64.getEncoder().encodeToString(new byte[64]);
        FitsScanner wrong = scanner(azurite.endpoint(), wrongKey);
        assertInstanceOf(ObjectAccessDeniedException.class,
                wrong.scanFile(URI.create("az://tess/tess-s0022-4-4-cube.fits")).block(TIMEOUT).error().orElseThrow());
        assertInstanceOf(ObjectAccessDeniedException.class, org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> wrong.expand(URI.create("az://tess/s0001/")).collectList().block(TIMEOUT)));
        FitsScanner badSas = FitsScanner.create().option(AzureOptions.ENDPOINT, azurite.endpoint())
                .option(AzureOptions.SAS_TOKEN, "sv=2024-11-04&ss=b&srt=sco&sp=rl&se=2099-01-01T00:00:00Z&sig=AAAA");
        assertInstanceOf(ObjectAccessDeniedException.class,
                badSas.scanFile(URI.create("az://tess/tess-s0022-4-4-cube.fits")).block(TIMEOUT).error().orElseThrow());
    }

    @Test
    void serverBusyShouldBeTransientAndRetried() {   // Azure's 503 with x-ms-error-code ServerBusy, from the fault proxy
        try (FaultProxy proxy = new FaultProxy(azurite.endpoint().resolve("/").toString(),
                i -> FaultProxy.Action.status(503, Map.of("x-ms-error-code", "ServerBusy", "Content-Type", "application/xml")))) {
            ScanResult r = scanner(through(proxy), Azurite.KEY).scanFile(URI.create("az://tess/tess-s0022-4-4-cube.fits"))
                    .block(TIMEOUT);
            assertInstanceOf(TransientSourceException.class, r.error().orElseThrow());
            assertTrue(proxy.requestCount() > 1, "retried: " + proxy.requestCount());
        }
    }
}
