package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scanning through S3 end to end against s3proxy's filesystem store (SigV4, keys from the default
 * chain): a full-size sparse TESS cube in two requests, listing by glob and prefix (lazily, page by
 * page), and a thousand objects scanned 256 at a time. Files are written straight into the store.
 */
class S3ScanTest {
    private static final Duration TIMEOUT = S3TestSupport.TIMEOUT;

    /** The published layout of tess-s0022-4-4-cube.fits. */
    private static final long CUBE_SIZE = 44_316_717_120L;
    private static final List<Long> CUBE_HEADER_OFFSETS = List.of(0L, 2880L, 44_315_069_760L);

    /** Every object of the listing bucket: 2,500 keys. */
    private static final int LISTING_OBJECTS = 2500;
    /** Objects scanned at once. */
    private static final int SMALL_FILES = 1000;

    @TempDir
    static Path store;
    static S3ProxyServer server;
    static FitsScanner scanner;

    /** Every key of the listing bucket, as written. */
    static final List<String> listingKeys = new ArrayList<>();
    /** The cubes of camera 1, CCD 1 of sectors 1-99: what tess/tess-s00*-1-1-cube.fits names. */
    static final List<String> camera1Ccd1Sectors1To99 = new ArrayList<>();
    /** Every key under dir/. */
    static final List<String> underDir = new ArrayList<>();
    static final List<String> smallFileKeys = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        S3TestSupport.useServerKeys();
        server = S3ProxyServer.filesystem(store).start();
        scanner = FitsScanner.create().option(S3Options.ENDPOINT, server.endpoint())
                .option(S3Options.TRANSPORT, S3TestSupport.transport());

        TessFiles.writeCube(server.placeFile("tess", "tess-s0022-4-4-cube.fits"), 22, 4, 4, TessFiles.SECTOR_22_FFIS);

        for (int sector = 1; sector <= 120; sector++) {
            for (int camera = 1; camera <= 4; camera++) {
                for (int ccd = 1; ccd <= 4; ccd++) {
                    String key = String.format(Locale.ROOT, "tess/tess-s%04d-%d-%d-cube.fits", sector, camera, ccd);
                    place(key);
                    if (sector <= 99 && camera == 1 && ccd == 1) {
                        camera1Ccd1Sectors1To99.add(key);
                    }
                }
            }
        }
        // decoys that the glob's listing prefix (tess/tess-s00) returns but the glob must reject
        for (int sector = 1; sector <= 20; sector++) {
            place(String.format(Locale.ROOT, "tess/tess-s%04d-1-1-cube.fits.gz", sector));
        }
        for (int sector = 1; sector <= 10; sector++) {
            place(String.format(Locale.ROOT, "tess/tess-s%04d/x-1-1-cube.fits", sector));
        }
        place("tess/tess-s0022-1-11-cube.fits");
        place("tess/tess-s0022-1-1-cubexfits");
        // decoys outside that prefix
        place("tess/TESS-s0022-1-1-cube.fits");
        place("tess/old/tess-s0022-1-1-cube.fits");
        place("tess-s0022-1-1-cube.fits");
        for (int i = 0; i < 400; i++) {
            underDir.add(place(String.format(Locale.ROOT, "dir/f-%04d.fits", i)));
        }
        for (int i = 0; i < 20; i++) {
            underDir.add(place(String.format(Locale.ROOT, "dir/sub/g-%02d.fits", i)));
        }
        underDir.add(place("dir/sub/deeper/h.fits"));
        place("dirx/f.fits");
        place("dir.fits");
        place("di/r.fits");
        for (int i = 0; listingKeys.size() < LISTING_OBJECTS; i++) {
            place(String.format(Locale.ROOT, "other/o-%04d.bin", i));
        }

        byte[] smallFits = smallFits();
        for (int i = 0; i < SMALL_FILES; i++) {
            String key = String.format(Locale.ROOT, "scan/f-%04d.fits", i);
            Files.write(server.placeFile("many", key), smallFits);
            smallFileKeys.add(key);
        }
    }

    @AfterAll
    static void stop() {
        ByteRangeSources.installed().close();
        if (server != null) {
            server.close();
        }
    }

    private static String place(String key) throws IOException {
        Files.writeString(server.placeFile("listing", key), key, StandardCharsets.US_ASCII);
        listingKeys.add(key);
        return key;
    }

    /** A primary header and an image extension with no data: 2 blocks, 5,760 bytes, HDUs at 0 and 2880. */
    private static byte[] smallFits() {
        byte[] primary = TessFiles.header("cube-hdu0-primary.txt");
        byte[] image = TessFiles.header("cube-hdu1-image.txt", "NAXIS2", "0");
        assertEquals(2880, primary.length);
        assertEquals(2880, image.length);
        byte[] all = new byte[5760];
        System.arraycopy(primary, 0, all, 0, 2880);
        System.arraycopy(image, 0, all, 2880, 2880);
        return all;
    }

    private static List<String> uris(String bucket, List<String> keys) {
        return keys.stream().map(k -> "s3://" + bucket + "/" + k).sorted().toList();
    }

    private static List<String> sorted(List<URI> uris) {
        return uris.stream().map(URI::toString).sorted().toList();
    }

    private static long listRequests(FaultProxy proxy) {
        return proxy.received().stream().filter(r -> r.uri().contains("list-type=2")).count();
    }

    @Test
    void sectorTwentyTwoCubeShouldWalkInTwoGetsAndAtMost128KiB() {
        ScanResult r = scanner.scanFile(URI.create("s3://tess/tess-s0022-4-4-cube.fits")).block(TIMEOUT);

        assertTrue(r.isOk(), () -> r.error().toString());
        List<FitsHeader> hdus = r.headers();
        assertEquals(CUBE_HEADER_OFFSETS, hdus.stream().map(FitsHeader::headerOffset).toList());
        assertEquals(List.of(2L, 1248L, 2136L, 2078L), hdus.get(1).naxis());
        assertEquals(46_080, hdus.get(2).headerSize());
        assertEquals(CUBE_SIZE, r.size().getAsLong());
        assertEquals(2, r.requests());
        assertTrue(r.bytesRead() <= 128 * 1024, "read " + r.bytesRead());
        assertEquals(0, r.retries());
    }

    @Test
    void globShouldExpandToExactlyTheMatchingKeys() {
        List<URI> found = scanner.expand(URI.create("s3://listing/tess/tess-s00*-1-1-cube.fits"))
                .collectList().block(TIMEOUT);
        assertEquals(99, camera1Ccd1Sectors1To99.size());
        assertEquals(uris("listing", camera1Ccd1Sectors1To99), sorted(found));
    }

    @Test
    void globWithClassesAndDoubleStarShouldExpandAcrossSegments() throws URISyntaxException {
        // ? starts a query and [ ] are illegal in a URI: the multi-argument constructor percent-encodes them
        URI glob = new URI("s3", "listing", "/tess/**-s00[1-2]?-[!234]-1-cube.fits", null);
        assertEquals("s3://listing/tess/**-s00%5B1-2%5D%3F-%5B!234%5D-1-cube.fits", glob.toString());
        List<URI> found = scanner.expand(glob).collectList().block(TIMEOUT);
        List<String> expected = new ArrayList<>();
        for (int sector = 10; sector <= 29; sector++) {
            expected.add(String.format(Locale.ROOT, "tess/tess-s%04d-1-1-cube.fits", sector));
        }
        expected.add("tess/old/tess-s0022-1-1-cube.fits"); // ** crosses a segment
        expected.add("tess/TESS-s0022-1-1-cube.fits"); // ** also matches "TESS"
        assertEquals(uris("listing", expected), sorted(found));
    }

    @Test
    void prefixShouldListEverythingUnderIt() {
        List<URI> found = scanner.expand(URI.create("s3://listing/dir/")).collectList().block(TIMEOUT);
        assertEquals(421, underDir.size());
        assertEquals(uris("listing", underDir), sorted(found));
    }

    @Test
    void bucketShouldListEveryObjectAcrossPages() {
        List<URI> found = scanner.expand(URI.create("s3://listing/")).collectList().block(TIMEOUT);
        assertEquals(LISTING_OBJECTS, new HashSet<>(listingKeys).size());
        assertEquals(uris("listing", listingKeys), sorted(found));
    }

    @Test
    void objectUriShouldExpandToItself() {
        URI cube = URI.create("s3://listing/tess/tess-s0022-1-1-cube.fits");
        assertEquals(List.of(cube), scanner.expand(cube).collectList().block(TIMEOUT));
    }

    @Test
    void globMatchingNothingShouldBeNotFound() {
        Throwable e = assertThrows(RuntimeException.class,
                () -> scanner.expand(URI.create("s3://listing/tess/tess-s9*-cube.fits")).collectList().block(TIMEOUT));
        assertInstanceOf(ObjectNotFoundException.class, e);
    }

    @Test
    void listingShouldFetchPagesOnlyAsUrisAreRequested() throws InterruptedException {
        try (FaultProxy proxy = new FaultProxy(server.endpoint().toString(), i -> FaultProxy.Action.FORWARD)) {
            FitsScanner viaProxy = FitsScanner.create().option(S3Options.ENDPOINT, URI.create("http://127.0.0.1:" + proxy.port()))
                    .option(S3Options.TRANSPORT, S3TestSupport.transport());
            URI bucket = URI.create("s3://listing/");

            List<URI> five = viaProxy.expand(bucket).take(5).collectList().block(TIMEOUT);
            assertEquals(5, five.size());
            assertEquals(5, new HashSet<>(five).size());
            Set<String> all = new HashSet<>(uris("listing", listingKeys));
            five.forEach(u -> assertTrue(all.contains(u.toString()), u::toString));
            Thread.sleep(300); // a prefetch of the next page would arrive now
            assertEquals(1, listRequests(proxy), () -> "list requests: " + proxy.received());

            // the whole listing: 2,500 keys at 1,000 per page
            List<URI> everything = viaProxy.expand(bucket).collectList().block(TIMEOUT);
            assertEquals(LISTING_OBJECTS, everything.size());
            assertEquals(1 + (LISTING_OBJECTS + 999) / 1000, listRequests(proxy));
            proxy.received().forEach(r -> assertTrue(r.uri().contains("list-type=2"), r::uri));
        }
    }

    @Test
    void aThousandObjectsShouldScanAt256AtOnce() {
        FitsScanner wide = scanner.concurrency(256);
        long start = System.nanoTime();
        List<ScanResult> results = wide.scanAll(wide.expand(URI.create("s3://many/scan/")))
                .collectList().block(Duration.ofSeconds(60));
        System.out.printf("S3ScanTest: %d objects listed and scanned at 256 at once in %.0f ms%n",
                results.size(), (System.nanoTime() - start) / 1e6);

        assertEquals(SMALL_FILES, results.size());
        assertEquals(uris("many", smallFileKeys), results.stream().map(r -> r.uri().toString()).sorted().toList());
        for (ScanResult r : results) {
            assertTrue(r.isOk(), () -> r.uri() + ": " + r.error());
            assertEquals(List.of(0L, 2880L), r.headers().stream().map(FitsHeader::headerOffset).toList(),
                    r.uri()::toString);
            assertEquals(5760, r.size().getAsLong());
            // 5,760 bytes fit in the default 64 KiB read-ahead: one GET each
            assertEquals(1, r.requests(), r.uri()::toString);
            assertEquals(5760, r.bytesRead(), r.uri()::toString);
            assertEquals(0, r.retries(), r.uri()::toString);
        }
    }
}
