package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrocloud.testservers.NginxServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** Against Debian's nginx serving full-size sparse TESS files, and the source contract against nginx. */
class NginxTest implements ByteRangeSourceContract {
    @TempDir
    static Path dir;
    static NginxServer nginx;
    static Path www;

    @BeforeAll
    static void start() throws Exception {
        boolean present = NginxServer.installed().isPresent();
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("nginx is not installed; .ci/run installs nginx-light");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "nginx is not installed (apt-get install -y nginx-light)");
        www = Files.createDirectories(dir.resolve("www"));
        TessFiles.writeCube(www.resolve("tess-s0022-4-4-cube.fits"), 22, 4, 4, 1248);
        TessFiles.writeFfi(www.resolve("tess2020050192921-s0022-1-1-0174-s_ffic.fits"), 1, 1, TessFiles.FfiVariant.STANDARD);
        nginx = NginxServer.start(www, Files.createDirectories(dir.resolve("nginx")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) throws Exception {
        Files.write(www.resolve(name), content);
        return ByteRangeSources.open(URI.create(nginx.url(name)), SourceOptions.empty());
    }

    @Test
    void sectorTwentyTwoCubeShouldWalkInTwoRequestsAndAtMost128KiB() {
        ScanResult r = FitsScanner.create().scanFile(URI.create(nginx.url("tess-s0022-4-4-cube.fits")))
                .block(Duration.ofSeconds(30));

        assertTrue(r.isOk(), () -> r.error().toString());
        List<FitsHeader> hdus = r.headers();
        assertEquals(List.of(0L, 2880L, 44_315_069_760L), hdus.stream().map(FitsHeader::headerOffset).toList());
        assertEquals(List.of(2L, 1248L, 2136L, 2078L), hdus.get(1).naxis());
        assertEquals(46_080, hdus.get(2).headerSize());
        assertEquals(44_316_717_120L, r.size().getAsLong());
        assertEquals(2, r.requests());
        assertTrue(r.bytesRead() <= 128 * 1024, "read " + r.bytesRead());
        assertEquals(0, r.retries());
    }

    @Test
    void calibratedFfiShouldWalkInTwoRequests() {
        ScanResult r = FitsScanner.create()
                .scanFile(URI.create(nginx.url("tess2020050192921-s0022-1-1-0174-s_ffic.fits")))
                .block(Duration.ofSeconds(30));
        assertTrue(r.isOk(), () -> r.error().toString());
        assertEquals(List.of(0L, 2880L, 17_775_360L), r.headers().stream().map(FitsHeader::headerOffset).toList());
        assertEquals(20_160, r.headers().get(1).dataOffset());
        assertEquals(2, r.requests());
    }

    @Test
    void manyConcurrentScansOfTheSameCubeShouldAllSucceed() {
        URI cube = URI.create(nginx.url("tess-s0022-4-4-cube.fits"));
        List<ScanResult> results = FitsScanner.create().concurrency(128)
                .scanAll(Flux.range(0, 500).map(i -> cube))
                .collectList().block(Duration.ofSeconds(60));
        assertEquals(500, results.size());
        List<ScanResult> bad = results.stream().filter(r -> !(r.isOk() && r.headers().size() == 3 && r.requests() == 2)).toList();
        assertTrue(bad.isEmpty(), () -> bad.size() + " bad, first: " + bad.get(0).error() + " requests " + bad.get(0).requests());
    }

    @Test
    void missingObjectShouldBeNotFound() {
        ScanResult r = FitsScanner.create().scanFile(URI.create(nginx.url("no-such-cube.fits"))).block(Duration.ofSeconds(30));
        assertTrue(r.error().orElseThrow() instanceof org.astrocloud.fits.error.ObjectNotFoundException, () -> r.error().toString());
        assertEquals(1, r.requests());
    }

    /** nginx's ETag, computed from the file as nginx does: {@code "hex(mtime seconds)-hex(size)"}. */
    private static String nginxEtag(Path file) throws Exception {
        return "\"" + Long.toHexString(Files.getLastModifiedTime(file).to(TimeUnit.SECONDS)) + "-"
                + Long.toHexString(Files.size(file)) + "\"";
    }

    @Test
    void readsAndStreamsShouldCarryNginxsEtag() throws Exception {
        byte[] content = ByteRangeSourceContract.content(3 << 20, 21);
        ByteRangeSource s = sourceFor("etag.bin", content);
        String etag = nginxEtag(www.resolve("etag.bin"));

        assertEquals(Optional.of(etag), s.read(ByteRange.of(10, 1000)).block(Duration.ofSeconds(30)).validator(), "206");
        List<RangeBytes> streamed = s.stream(ByteRange.of(1000, 2 << 20)).collectList().block(Duration.ofSeconds(30));
        assertTrue(streamed.size() > 1, "answers of a 2 MiB stream: " + streamed.size());
        assertEquals(Set.of(Optional.of(etag)), streamed.stream().map(RangeBytes::validator).collect(Collectors.toSet()),
                "the validators of the streamed answers");
        // nginx sends no ETag with its 416; FaultsTest checks that one sent with a 416 is kept
        s.close().block(Duration.ofSeconds(30));
    }
}
