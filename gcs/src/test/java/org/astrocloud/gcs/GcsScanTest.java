package org.astrocloud.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.GcsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scanning through GCS end to end against our JSON API server: a full-size sparse TESS cube in two ranged
 * reads, a glob over 16 cubes listed and scanned, prefixes, and listing page by page only on demand.
 */
class GcsScanTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The published layout of tess-s0022-4-4-cube.fits. */
    private static final long CUBE_SIZE = 44_316_717_120L;
    private static final List<Long> CUBE_HEADER_OFFSETS = List.of(0L, 2880L, 44_315_069_760L);

    @TempDir
    static Path dir;
    static GcsServer server;
    static FitsScanner scanner;
    static final List<String> sector22Cubes = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = GcsServer.builder(dir).start();
        scanner = FitsScanner.create().option(GcsOptions.ENDPOINT, server.endpoint())
                .option(GcsOptions.CREDENTIALS, GcsCredentials.anonymous());
        TessFiles.writeCube(server.placeFile("tess", "big/tess-s0022-4-4-cube.fits"), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
        for (int camera = 1; camera <= 4; camera++) {
            for (int ccd = 1; ccd <= 4; ccd++) {
                String name = String.format(Locale.ROOT, "cubes/tess-s0022-%d-%d-cube.fits", camera, ccd);
                TessFiles.writeCube(server.placeFile("tess", name), 22, camera, ccd, 4);
                sector22Cubes.add("gs://tess/" + name);
            }
        }
        // decoys the glob's prefix lists but the glob rejects
        Files.writeString(server.placeFile("tess", "cubes/tess-s0022-1-1-cube.fits.gz"), "x");
        Files.writeString(server.placeFile("tess", "cubes/tess-s0022-1-1/cube.fits"), "x");
        Files.writeString(server.placeFile("tess", "cubes/tess-s0023-1-1-cube.fits"), "x");
    }

    @AfterAll
    static void stop() {
        ByteRangeSources.installed().close();
        server.close();
    }

    @Test
    void sectorTwentyTwoCubeShouldWalkInTwoRangedReads() {
        int before = server.mediaRequests().size();
        ScanResult r = scanner.scanFile(URI.create("gs://tess/big/tess-s0022-4-4-cube.fits")).block(TIMEOUT);

        assertTrue(r.isOk(), () -> r.error().toString());
        assertEquals(CUBE_HEADER_OFFSETS, r.headers().stream().map(FitsHeader::headerOffset).toList());
        assertEquals(List.of(2L, 1248L, 2136L, 2078L), r.headers().get(1).naxis());
        assertEquals(CUBE_SIZE, r.size().getAsLong());
        assertEquals(2, r.requests());
        assertEquals(2, server.mediaRequests().size() - before, () -> server.requests().toString());
        server.mediaRequests().forEach(q -> assertTrue(q.range() != null && q.range().startsWith("bytes="), q::toString));
    }

    @Test
    void httpsUrlOfStorageGoogleapisShouldBeReadAsGcs() {
        ScanResult r = scanner.scanFile(URI.create("https://storage.googleapis.com/tess/cubes/tess-s0022-1-1-cube.fits"))
                .block(TIMEOUT);
        assertTrue(r.isOk(), () -> r.error().toString());
        assertEquals(3, r.headers().size());
    }

    @Test
    void globOverSixteenCubesShouldListAndScanAllSixteen() {
        List<ScanResult> results = scanner.scanAll(scanner.expand(URI.create("gs://tess/cubes/tess-s0022-*-*-cube.fits")))
                .collectList().block(TIMEOUT);
        assertEquals(16, results.size());
        assertEquals(sector22Cubes.stream().sorted().toList(), results.stream().map(r -> r.uri().toString()).sorted().toList());
        for (ScanResult r : results) {
            assertTrue(r.isOk(), () -> r.uri() + ": " + r.error());
            // primary, the 4-frame pixel table, the aperture image
            assertEquals(3, r.headers().size(), r.uri()::toString);
        }
    }

    @Test
    void prefixShouldListEverythingUnderIt() {
        List<URI> found = scanner.expand(URI.create("gs://tess/cubes/")).collectList().block(TIMEOUT);
        assertEquals(16 + 3, found.size());
    }

    @Test
    void globMatchingNothingShouldBeNotFound() {
        Throwable e = assertThrows(RuntimeException.class,
                () -> scanner.expand(URI.create("gs://tess/cubes/tess-s9*")).collectList().block(TIMEOUT));
        assertInstanceOf(ObjectNotFoundException.class, e);
    }

    @Test
    void listingShouldFetchPagesOnlyAsUrisAreRequested() throws InterruptedException {
        FitsScanner paged = scanner.option(GcsOptions.PAGE_SIZE, 5);
        int before = server.listRequests().size();
        List<URI> three = paged.expand(URI.create("gs://tess/cubes/")).take(3).collectList().block(TIMEOUT);
        assertEquals(3, three.size());
        Thread.sleep(300); // a prefetch of the next page would arrive now
        assertEquals(1, server.listRequests().size() - before);

        before = server.listRequests().size();
        List<URI> all = paged.expand(URI.create("gs://tess/cubes/")).collectList().block(TIMEOUT);
        assertEquals(19, all.size());
        assertEquals(4, server.listRequests().size() - before, "19 objects at 5 a page");
        server.listRequests().forEach(q -> assertTrue(q.uri().contains("prefix=cubes%2F"), q::uri));
    }

    @Test
    void namesWithSlashesSpacesAndUrlCharactersShouldListAndReadBack() throws IOException {
        List<String> names = List.of("a b/c+d.fits", "pct%41.fits", "q?x#y&z=1.fits", "\u00fcn\u00ef/\u00e7\u00f8d\u00e9 \u2603.fits");
        for (String name : names) {
            Files.writeString(server.placeFile("odd", name), "bytes of " + name, java.nio.charset.StandardCharsets.UTF_8);
        }
        List<URI> listed = scanner.expand(URI.create("gs://odd/")).collectList().block(TIMEOUT);

        // the listing's URIs name the objects (decoded path = name), in GCS's order of the UTF-8 names
        assertEquals(names.stream().sorted().toList(), listed.stream().map(u -> u.getPath().substring(1)).toList());
        for (URI uri : listed) {
            String name = uri.getPath().substring(1);
            byte[] expected = ("bytes of " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var bytes = org.astrocloud.fits.spi.ByteRangeSources.open(uri, org.astrocloud.fits.spi.SourceOptions.empty()
                            .with(GcsOptions.ENDPOINT, server.endpoint()).with(GcsOptions.CREDENTIALS, GcsCredentials.anonymous()))
                    .read(new org.astrocloud.fits.spi.ByteRange(0, expected.length)).block(TIMEOUT);
            byte[] got = new byte[bytes.bytes().remaining()];
            bytes.bytes().get(got);
            assertEquals(new String(expected, java.nio.charset.StandardCharsets.UTF_8),
                    new String(got, java.nio.charset.StandardCharsets.UTF_8), uri::toString);
        }
        // the object name is one encoded path segment of the JSON API's URL, its '/' as %2F
        assertTrue(server.mediaRequests().stream().anyMatch(q -> q.uri().startsWith("/storage/v1/b/odd/o/a%20b%2Fc%2Bd.fits?")),
                () -> server.mediaRequests().toString());
    }
}
