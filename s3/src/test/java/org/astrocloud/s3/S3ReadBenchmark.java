package org.astrocloud.s3;

import org.astrocloud.testservers.S3ProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Many small ranged reads through our S3 source next to the bare {@code S3AsyncClient} doing the
 * same reads (same client settings: Netty NIO, same max concurrency, SDK retries off, direct
 * future completion), against an embedded s3proxy on 127.0.0.1. Not a test: prints GETs/second.
 *
 * <pre>
 * mvn -q -B -pl s3 -am install -DskipTests
 * mvn -q -B -pl s3 dependency:build-classpath -Dmdep.outputFile=/tmp/s3cp.txt -Dmdep.includeScope=test
 * java -cp s3/target/test-classes:s3/target/classes:$(cat /tmp/s3cp.txt) org.astrocloud.s3.S3ReadBenchmark [anonymous|signed] [reads] [concurrency]
 * </pre>
 */
public final class S3ReadBenchmark {
    private static final int RANGE = 4096;
    private static final long OBJECT = 64L << 20;

    private S3ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean signed = args.length > 0 && args[0].equals("signed");
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        if (signed) {
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        }
        Path dir = Files.createTempDirectory("s3bench");
        S3ProxyServer.Builder builder = S3ProxyServer.filesystem(dir);
        try (S3ProxyServer server = (signed ? builder : builder.anonymous()).start()) {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(server.placeFile("bench", "bench.bin").toFile(), "rw")) {
                f.setLength(OBJECT);
            }
            AwsCredentialsProvider creds = signed
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))
                    : AnonymousCredentialsProvider.create();
            Executor direct = Runnable::run;
            try (S3AsyncClient bare = S3AsyncClient.builder()
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(concurrency))
                    .endpointOverride(server.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                    .credentialsProvider(creds)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, direct))
                    .build()) {
                ByteRangeSource ours = ByteRangeSources.open(URI.create("s3://bench/bench.bin"), SourceOptions.empty()
                        .with(S3Options.ENDPOINT, server.endpoint())
                        .with(S3Options.MAX_CONCURRENCY, concurrency)
                        .with(S3Options.CREDENTIALS, signed ? S3Credentials.DEFAULT_CHAIN : S3Credentials.ANONYMOUS));
                LongFunction<Mono<?>> bareRead = i -> Mono.fromFuture(() -> bare.getObject(
                        b -> b.bucket("bench").key("bench.bin").range(ByteRange.of(offset(i), RANGE).toHttpRange()),
                        AsyncResponseTransformer.toBytes()));
                LongFunction<Mono<?>> ourRead = i -> ours.read(ByteRange.of(offset(i), RANGE));
                System.out.printf(Locale.ROOT, "s3proxy (%s), %d ranged GETs of %d bytes, %d in flight, warm-up then 3 rounds each%n",
                        signed ? "SigV4" : "anonymous", reads, RANGE, concurrency);
                run("warm-up bare", bareRead, reads, concurrency);
                run("warm-up ours", ourRead, reads, concurrency);
                double[] b = new double[3];
                double[] o = new double[3];
                for (int round = 0; round < 3; round++) {
                    b[round] = run("bare S3AsyncClient", bareRead, reads, concurrency);
                    o[round] = run("astro-cloud S3 source", ourRead, reads, concurrency);
                }
                double bareBest = Math.max(b[0], Math.max(b[1], b[2]));
                double ourBest = Math.max(o[0], Math.max(o[1], o[2]));
                System.out.printf(Locale.ROOT, "best: bare %.0f GETs/s, ours %.0f GETs/s, ours/bare = %.2f%n",
                        bareBest, ourBest, ourBest / bareBest);
            }
        } finally {
            S3ByteRangeSourceProvider.closeClients();
        }
    }

    private static long offset(long i) {
        return (i * 7919L * RANGE) % (OBJECT - RANGE);
    }

    private static double run(String name, LongFunction<Mono<?>> read, int reads, int concurrency) {
        long start = System.nanoTime();
        Long done = Flux.range(0, reads).flatMap(i -> read.apply(i), concurrency).count().block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done / seconds;
        System.out.printf(Locale.ROOT, "  %-24s %8.0f GETs/s (%.2f s)%n", name, rate, seconds);
        return rate;
    }
}
