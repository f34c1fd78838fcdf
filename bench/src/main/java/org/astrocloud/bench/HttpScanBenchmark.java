package org.astrocloud.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.NginxServer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Scans N full-size sparse sector-22 cubes served by nginx behind a proxy that adds a round trip
 * of r to every request, C files at once, next to the bare Reactor Netty client making the same
 * dependent GETs (64 KiB at 0, then 64 KiB at the table header) and to the latency limit
 * N * H * r / C (H = 2 dependent round trips per cube). Prints one table from one run.
 *
 * <pre>
 * mvn -q -B install -DskipTests
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.HttpScanBenchmark [N=1000] [C=256] [r_ms=20]
 * </pre>
 */
public final class HttpScanBenchmark {
    private static final long TABLE_AT = 44_315_069_760L;
    private static final int READ = 64 * 1024;

    private HttpScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        long rMs = args.length > 2 ? Long.parseLong(args[2]) : 20;
        Path dir = Files.createTempDirectory("astro-cloud-bench");
        Path www = Files.createDirectories(dir.resolve("www"));
        Path first = TessFiles.writeCube(www.resolve("cube-0.fits"), 22, 1, 1, TessFiles.SECTOR_22_FFIS);
        for (int i = 1; i < n; i++) {
            Files.createLink(www.resolve("cube-" + i + ".fits"), first);   // one sparse file under N names
        }
        try (NginxServer nginx = NginxServer.start(www, Files.createDirectories(dir.resolve("nginx")));
             FaultProxy proxy = new FaultProxy(nginx.url("").replaceAll("/$", ""),
                     i -> FaultProxy.Action.delay(Duration.ofMillis(rMs)))) {
            List<URI> uris = IntStream.range(0, n).mapToObj(i -> URI.create(proxy.url("cube-" + i + ".fits"))).toList();
            FitsScanner scanner = FitsScanner.create().concurrency(c).option(HttpOptions.MAX_CONNECTIONS_PER_HOST, c);
            HttpClient bare = HttpClient.create(ConnectionProvider.builder("bare").maxConnections(c)
                    .pendingAcquireMaxCount(-1).build());
            System.out.printf(Locale.ROOT, "%d sector-22 cubes over HTTP (nginx + %d ms added per request), %d at once%n", n, rMs, c);
            double limit = n * 2.0 * rMs / 1000 / c;
            // warm-up, then measure each contender
            run(scanner, uris.subList(0, Math.min(n, 2 * c)));
            runBare(bare, uris.subList(0, Math.min(n, 2 * c)), c);
            double ours = run(scanner, uris);
            double bareSeconds = runBare(bare, uris, c);
            System.out.printf(Locale.ROOT, "%-28s %9s %10s %12s%n", "contender", "wall s", "files/s", "x limit");
            System.out.printf(Locale.ROOT, "%-28s %9.2f %10.0f %12.2f%n", "latency limit N*2*r/C", limit, n / limit, 1.0);
            System.out.printf(Locale.ROOT, "%-28s %9.2f %10.0f %12.2f%n", "bare Reactor Netty (2 GETs)", bareSeconds, n / bareSeconds, bareSeconds / limit);
            System.out.printf(Locale.ROOT, "%-28s %9.2f %10.0f %12.2f%n", "astro-cloud FitsScanner", ours, n / ours, ours / limit);
            System.out.printf(Locale.ROOT, "astro-cloud / max(limit, bare) = %.2f%n", ours / Math.max(limit, bareSeconds));
        }
    }

    private static double run(FitsScanner scanner, List<URI> uris) {
        long start = System.nanoTime();
        List<ScanResult> results = scanner.scanAll(Flux.fromIterable(uris)).collectList().block(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        long bad = results.stream().filter(r -> !r.isOk() || r.requests() != 2).count();
        if (bad > 0) {
            throw new IllegalStateException(bad + " files failed or took other than 2 requests");
        }
        return seconds;
    }

    private static double runBare(HttpClient client, List<URI> uris, int concurrency) {
        long start = System.nanoTime();
        Flux.fromIterable(uris)
                .flatMap(u -> get(client, u, 0).then(get(client, u, TABLE_AT)), concurrency)
                .blockLast(Duration.ofMinutes(30));
        return (System.nanoTime() - start) / 1e9;
    }

    private static Mono<byte[]> get(HttpClient client, URI uri, long offset) {
        return client.headers(h -> h.set("Range", "bytes=" + offset + "-" + (offset + READ - 1)))
                .get().uri(uri).responseSingle((res, body) -> body.asByteArray());
    }
}
