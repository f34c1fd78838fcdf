package org.astrocloud.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.testservers.RangeFileServer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Does one gzip file hold up the event loops? A gzip FITS whose data unit is 1 GiB of zeros
 * (about 1 MiB compressed, so each compressed chunk inflates to hundreds of MiB) is walked while
 * {@code P} probes read 2,880 bytes of a small file over the same HTTP client, one read after the
 * other each; the probes' latencies are compared with the same probes running alone. A walk that
 * inflates on an event loop stalls every probe whose connection shares that loop.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.GzipFairness [P] [WORK_DIR]
 * </pre>
 */
public final class GzipFairness {
    private static final long SIDE = 32_768;   // NAXIS1 = NAXIS2: 1 GiB of BITPIX 8

    private GzipFairness() {
    }

    public static void main(String[] args) throws Exception {
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        Path work = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "bench/target/gzip-fairness"));
        Path bomb = work.resolve("zeros.fits.gz");
        if (!Files.exists(bomb)) {
            writeBomb(bomb);
        }
        Files.write(work.resolve("small.fits"), header("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0"));
        try (RangeFileServer server = RangeFileServer.serving(work)) {
            URI small = URI.create(server.url("small.fits"));
            URI gz = URI.create(server.url("zeros.fits.gz"));
            FitsScanner scanner = FitsScanner.create();
            scanner.scanFile(gz).block(Duration.ofMinutes(5));           // warm both paths once
            probe(small, probes, Mono.delay(Duration.ofSeconds(2)).then());

            List<Long> alone = probe(small, probes, Mono.delay(Duration.ofSeconds(5)).then());
            long start = System.nanoTime();
            Mono<ScanResult> walk = scanner.scanFile(gz);
            ScanResult[] result = new ScanResult[1];
            List<Long> beside = probe(small, probes, walk.doOnNext(r -> result[0] = r).then());
            double walkSeconds = (System.nanoTime() - start) / 1e9;

            System.out.printf(Locale.ROOT, "gzip walk: %s, %d HDUs, %.2f s (1 GiB decompressed, %.1f MiB compressed)%n",
                    result[0].isOk() ? "ok" : result[0].error().orElseThrow(), result[0].headers().size(), walkSeconds,
                    Files.size(bomb) / 1048576.0);
            System.out.println("| probes (" + probes + " in parallel, 2,880-byte reads) | reads | p50 ms | p99 ms | max ms | over 100 ms |");
            System.out.println("|---|---|---|---|---|---|");
            row("alone", alone);
            row("beside the gzip walk", beside);
            System.out.println("command: java -cp bench/target/benchmarks.jar org.astrocloud.bench.GzipFairness " + probes);
        }
        ByteRangeSources.installed().close();
        System.exit(0);
    }

    /** Latencies (ns) of reads by {@code n} sequential probers until {@code until} completes. */
    private static List<Long> probe(URI small, int n, Mono<Void> until) {
        AtomicBoolean done = new AtomicBoolean();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ByteRangeSource source = ByteRangeSources.open(small, SourceOptions.empty());
        Flux<Long> one = Mono.defer(() -> {
                    long t = System.nanoTime();
                    return source.read(ByteRange.of(0, 2880)).map(r -> System.nanoTime() - t);
                })
                .repeat(() -> !done.get());
        Mono<Void> probers = Flux.range(0, n).flatMap(i -> one.doOnNext(latencies::add), n).then();
        Mono.when(until.doFinally(s -> done.set(true)), probers).block(Duration.ofMinutes(10));
        return new ArrayList<>(latencies);
    }

    private static void row(String what, List<Long> ns) {
        long[] sorted = ns.stream().mapToLong(Long::longValue).sorted().toArray();
        long slow = Arrays.stream(sorted).filter(t -> t > 100_000_000L).count();
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.1f | %d |%n", what, sorted.length, at(sorted, 0.50),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6, slow);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private static void writeBomb(Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header("SIMPLE  =                    T", "BITPIX  =                    8",
                    "NAXIS   =                    2", "NAXIS1  =                " + SIDE, "NAXIS2  =                " + SIDE));
            byte[] zeros = new byte[1 << 20];
            for (long left = SIDE * SIDE; left > 0; left -= zeros.length) {   // 1 GiB, then padding to 2,880
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            long pad = (2880 - SIDE * SIDE % 2880) % 2880;
            out.write(new byte[(int) pad]);
        }
    }

    /** One header block: the cards, END, blanks to 2,880 bytes. */
    private static byte[] header(String... cards) {
        StringBuilder b = new StringBuilder();
        for (String c : cards) {
            b.append(String.format(Locale.ROOT, "%-80s", c));
        }
        b.append(String.format(Locale.ROOT, "%-80s", "END"));
        byte[] block = new byte[2880];
        Arrays.fill(block, (byte) ' ');
        byte[] text = b.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, block, 0, text.length);
        return block;
    }
}
