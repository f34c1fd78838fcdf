package org.astrocloud.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The bare ceiling: the same ranged GETs as the header scan, in the same order per file (each
 * GET after the previous one's body has arrived), {@code C} files at once, with no FITS logic.
 * What astro-cloud adds on top of these clients is its overhead.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.BareClients http PLAN C
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.BareClients s3 PLAN C ENDPOINT
 * </pre>
 *
 * <p>PLAN has one file per line: its URL (http) or key in bucket {@code tess} (s3), then its
 * ranges as {@code offset,length}. The Reactor Netty client gets a pool of C connections; the
 * {@code S3AsyncClient} gets what astro-cloud's S3 source configures (maxConcurrency C, futures
 * completed on the SDK's event loop, SDK retries off, anonymous). Prints
 * {@code SCAN_SECONDS s FILES n FAILED f}.
 */
public final class BareClients {
    private BareClients() {
    }

    private record Planned(String target, List<long[]> ranges) {
    }

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        List<Planned> plan = read(Path.of(args[1]));
        int c = Integer.parseInt(args[2]);
        Get get;
        S3AsyncClient s3 = null;
        if (kind.equals("http")) {
            HttpClient client = HttpClient.create(ConnectionProvider.builder("bare").maxConnections(c)
                    .pendingAcquireMaxCount(-1).build());
            get = (p, r) -> http(client, p.target(), r);
        } else {
            S3AsyncClient sdk = s3(URI.create(args[3]), c);
            s3 = sdk;
            get = (p, r) -> s3(sdk, p.target(), r);
        }
        int rounds = Integer.getInteger("bench.rounds", 1);
        for (int round = 1; round <= rounds; round++) {
            AtomicInteger failed = new AtomicInteger();
            long start = System.nanoTime();
            run(plan, c, failed, get);
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = round == rounds ? "SCAN_SECONDS" : "round " + round + ":";
            System.out.printf(Locale.ROOT, "%s %.3f FILES %d FAILED %d%n", line, seconds, plan.size(), failed.get());
        }
        if (s3 != null) {
            s3.close();
        }
        System.exit(0);
    }

    private interface Get {
        Mono<Integer> get(Planned file, long[] range);
    }

    private static void run(List<Planned> plan, int c, AtomicInteger failed, Get get) {
        Flux.fromIterable(plan)
                .flatMap(p -> Flux.fromIterable(p.ranges())
                        .concatMap(r -> get.get(p, r).filter(n -> n == r[1])
                                .switchIfEmpty(Mono.error(new IllegalStateException("short read"))))
                        .then()
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            System.err.println(p.target() + ": " + e);
                            return Mono.empty();
                        }), c)
                .blockLast(Duration.ofHours(1));
    }

    private static Mono<Integer> http(HttpClient client, String url, long[] r) {
        return client.headers(h -> h.set(HttpHeaderNames.RANGE, "bytes=" + r[0] + "-" + (r[0] + r[1] - 1)))
                .get().uri(url)
                .responseSingle((res, body) -> res.status().code() == 206
                        ? body.asByteArray().map(b -> b.length)
                        : Mono.error(new IllegalStateException("HTTP " + res.status().code())));
    }

    private static Mono<Integer> s3(S3AsyncClient s3, String key, long[] r) {
        return Mono.fromFuture(() -> s3.getObject(b -> b.bucket(Workload.BUCKET).key(key)
                                .range("bytes=" + r[0] + "-" + (r[0] + r[1] - 1)),
                        AsyncResponseTransformer.toBytes()))
                .map(bytes -> bytes.asByteArrayUnsafe().length);
    }

    private static S3AsyncClient s3(URI endpoint, int c) {
        Executor direct = Runnable::run;
        return S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(c)
                        .maxPendingConnectionAcquires(Math.max(10_000, c * 4))
                        .connectionAcquisitionTimeout(Duration.ofMinutes(10)))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, direct))
                .build();
    }

    private static List<Planned> read(Path file) throws IOException {
        List<Planned> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            List<long[]> ranges = new ArrayList<>();
            for (int i = 1; i < f.length; i++) {
                String[] r = f[i].split(",");
                ranges.add(new long[] {Long.parseLong(r[0]), Long.parseLong(r[1])});
            }
            out.add(new Planned(f[0], ranges));
        }
        return out;
    }
}
