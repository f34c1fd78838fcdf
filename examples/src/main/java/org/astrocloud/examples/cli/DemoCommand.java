package org.astrocloud.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.s3.S3Credentials;
import org.astrocloud.s3.S3Options;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;

/**
 * {@code fits-scan demo}: needs no network and no setup. Writes the 16 full-size sector-22
 * TESS cubes (one per camera and CCD, 44.3 GB each, as sparse files) and a few calibrated FFIs
 * into a temporary directory laid out like the {@code stpubdata} bucket, serves it on 127.0.0.1
 * over HTTP (an in-process range server) and S3 (an embedded s3proxy), scans half over each at
 * once (the S3 half found by a glob listing), prints what it found and what it cost, and deletes
 * the files again (also on Ctrl-C). The HTTP and S3 clients are closed before the servers.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Scans 16 full-size sparse TESS cubes and some FFIs made on the spot; no network needed.")
final class DemoCommand implements Callable<Integer> {
    private static final String BUCKET = "stpubdata";
    private static final String CUBES = "tess/public/mast/";
    private static final String FFIS = "tess/public/ffi/s0022/2020/050/";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", description = "Where to write the demo files (default: a new temporary directory, deleted afterwards).")
    Path dir;

    @Option(names = "--keep", description = "Keep the demo files instead of deleting them.")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("astro-cloud-demo");
        Thread cleanup = new Thread(() -> deleteQuietly(work), "demo-cleanup");
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        try {
            return run(work, spec.commandLine().getOut());
        } finally {
            if (!keep) {
                deleteQuietly(work);
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    static int run(Path work, PrintWriter out) {
        out.println("Writing 16 sector-22 cubes (44,316,717,120 bytes each, sparse) and 4 FFIs under " + work + " ...");
        Path bucket = work.resolve(BUCKET);
        for (int camera = 1; camera <= 4; camera++) {
            for (int ccd = 1; ccd <= 4; ccd++) {
                TessFiles.writeCube(file(bucket, String.format(Locale.ROOT, "%stess-s0022-%d-%d-cube.fits", CUBES, camera, ccd)),
                        22, camera, ccd, TessFiles.SECTOR_22_FFIS);
            }
        }
        List<String> ffis = new ArrayList<>();
        String[] times = {"2020050192921", "2020050195921", "2020050202921", "2020050205921"};
        for (int i = 0; i < times.length; i++) {
            int camera = i + 1;
            int ccd = 4 - i;
            String key = String.format(Locale.ROOT, "%stess%s-s0022-%d-%d-0174-s_ffic.fits", FFIS, times[i], camera, ccd);
            TessFiles.FfiVariant variant = i == 2 ? TessFiles.FfiVariant.NO_WCS : TessFiles.FfiVariant.STANDARD;
            TessFiles.writeFfi(file(bucket, key), camera, ccd, variant);
            ffis.add(key);
        }
        try (RangeFileServer http = RangeFileServer.serving(bucket);
             S3ProxyServer s3 = S3ProxyServer.filesystem(work).anonymous().start();
             ByteRangeSources sources = ByteRangeSources.installed()) {   // closed first: clients before servers
            out.println("Serving them on 127.0.0.1: HTTP at " + http.url("") + ", S3 at " + s3.endpoint()
                    + " (bucket " + BUCKET + ")");
            out.println("Scanning cameras 1-2 and the FFIs over HTTP, and the glob s3://" + BUCKET + "/" + CUBES
                    + "tess-s0022-[34]-*-cube.fits over S3, at once ...");
            FitsScanner scanner = FitsScanner.create()
                    .sources(sources)
                    .option(S3Options.ENDPOINT, s3.endpoint())
                    .option(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS);
            List<URI> overHttp = new ArrayList<>();
            for (int camera = 1; camera <= 2; camera++) {
                for (int ccd = 1; ccd <= 4; ccd++) {
                    overHttp.add(URI.create(http.url(String.format(Locale.ROOT, "%stess-s0022-%d-%d-cube.fits", CUBES, camera, ccd))));
                }
            }
            ffis.forEach(key -> overHttp.add(URI.create(http.url(key))));
            Flux<URI> overS3 = scanner.expand(URI.create("s3://" + BUCKET + "/" + CUBES + "tess-s0022-%5B34%5D-*-cube.fits"));

            long start = System.nanoTime();
            List<ScanResult> results = scanner.scanAll(Flux.merge(Flux.fromIterable(overHttp), overS3)).collectList().block();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            results.sort(Comparator.comparing((ScanResult r) -> name(r)).thenComparing(r -> r.uri().getScheme()));
            print(results, elapsedMs, out);
            return results.stream().allMatch(ScanResult::isOk) && results.size() == 20 ? 0 : 1;
        }
    }

    private static Path file(Path bucket, String key) {
        try {
            return Files.createDirectories(bucket.resolve(key).getParent()).resolve(bucket.resolve(key).getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(ScanResult r) {
        String path = r.uri().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void print(List<ScanResult> results, long elapsedMs, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%-46s %-5s %4s  %-24s %-26s %6s %6s %3s %6s%n",
                "FILE", "VIA", "HDUS", "KINDS", "LARGEST DATA UNIT", "SECTOR", "CAMERA", "CCD", "NAXIS2");
        for (ScanResult r : results) {
            out.println(row(r));
        }
        long described = results.stream().mapToLong(r -> r.size().orElse(0)).sum();
        long read = results.stream().mapToLong(ScanResult::bytesRead).sum();
        long requests = results.stream().mapToLong(ScanResult::requests).sum();
        long cubes = results.stream().filter(r -> name(r).endsWith("-cube.fits") && r.isOk()).count();
        long failed = results.stream().filter(r -> !r.isOk()).count();
        out.println();
        out.printf(Locale.ROOT, "%d files (%d cubes of 44.3 GB), %.2f TB described by %,.0f KB read in %d requests"
                        + " (%.1f KB and %.1f requests per file), in %,d ms%s.%n",
                results.size(), cubes, described / 1e12, read / 1e3, requests, read / 1e3 / Math.max(1, results.size()),
                (double) requests / Math.max(1, results.size()), elapsedMs, failed == 0 ? "" : " (" + failed + " failed)");
        out.printf(Locale.ROOT, "That is %,.0f bytes of file per byte read.%n", (double) described / Math.max(read, 1));
        out.flush();
    }

    private static String row(ScanResult r) {
        String name = name(r);
        String via = r.uri().getScheme();
        if (!r.isOk()) {
            return String.format(Locale.ROOT, "%-46s %-5s FAILED: %s", name, via, r.error().get().getMessage());
        }
        List<FitsHeader> hdus = r.headers();
        String kinds = hdus.stream().map(h -> h.kind().name()).collect(Collectors.joining(","));
        FitsHeader largest = hdus.stream().max(Comparator.comparingLong(FitsHeader::dataSize)).orElseThrow();
        String dims = largest.naxis().stream().map(String::valueOf).collect(Collectors.joining("x"))
                + " " + (largest.bitpix() == -32 ? "float32" : "BITPIX " + largest.bitpix());
        FitsHeader first = hdus.get(0);
        FitsHeader second = hdus.size() > 1 ? hdus.get(1) : first;
        return String.format(Locale.ROOT, "%-46s %-5s %4d  %-24s %-26s %6s %6s %3s %6s", name, via, hdus.size(),
                abbreviate(kinds, 24), dims, value(first, second, "SECTOR"), value(first, second, "CAMERA"),
                value(first, second, "CCD"), second.naxis().size() > 1 ? String.valueOf(second.naxis().get(1)) : "-");
    }

    private static String value(FitsHeader first, FitsHeader second, String keyword) {
        return first.longValue(keyword).isPresent() ? String.valueOf(first.longValue(keyword).getAsLong())
                : second.longValue(keyword).isPresent() ? String.valueOf(second.longValue(keyword).getAsLong()) : "-";
    }

    private static String abbreviate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
