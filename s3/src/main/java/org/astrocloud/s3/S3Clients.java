package org.astrocloud.s3;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * One shared {@link S3AsyncClient} per {@link S3ClientConfig}, built on a bounded-elastic thread
 * (finding credentials and the region may read files or call the instance metadata service).
 * The SDK's own retries are off (one retry policy, ours), its futures complete on its Netty event
 * loop without a thread hop, and it keeps its own event loop (never Reactor Netty's).
 */
final class S3Clients {
    private static final Logger LOG = Loggers.getLogger(S3Clients.class);
    private static final Executor DIRECT = Runnable::run;
    private static final Map<S3ClientConfig, Mono<S3Client>> CLIENTS = new ConcurrentHashMap<>();

    /** A client and whether it signs its requests. */
    record S3Client(S3AsyncClient sdk, boolean anonymous) {
    }

    private S3Clients() {
    }

    /** The shared client for {@code config}, built once, lazily, off the caller's thread. */
    static Mono<S3Client> get(S3ClientConfig config) {
        return CLIENTS.computeIfAbsent(config, c -> Mono.fromCallable(() -> build(c))
                .subscribeOn(Schedulers.boundedElastic())
                .cache(client -> java.time.Duration.ofDays(36_500), e -> java.time.Duration.ZERO, () -> java.time.Duration.ZERO));
    }

    /** Closes every shared client; later reads build new ones. */
    static void closeAll() {
        CLIENTS.values().forEach(m -> m.subscribe(c -> c.sdk().close(), e -> { }));
        CLIENTS.clear();
    }

    private static S3Client build(S3ClientConfig c) {
        Credentials credentials = credentials(c);
        S3AsyncClientBuilder b = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(c.maxConcurrency())
                        .maxPendingConnectionAcquires(Math.max(10_000, c.maxConcurrency() * 4))
                        .connectionTimeout(c.connectTimeout())
                        .readTimeout(c.readTimeout())
                        .connectionAcquisitionTimeout(java.time.Duration.ofMinutes(10)))
                .credentialsProvider(credentials.provider())
                .forcePathStyle(c.pathStyle())
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, DIRECT));
        if (c.endpoint() != null) {
            b.endpointOverride(c.endpoint()).region(Region.of(c.region() != null ? c.region() : "us-east-1"));
        } else {
            b.region(Region.of(c.region() != null ? c.region() : environmentRegion()))
                    .crossRegionAccessEnabled(true);
        }
        return new S3Client(b.build(), credentials.anonymous());
    }

    private record Credentials(AwsCredentialsProvider provider, boolean anonymous) {
    }

    private static Credentials credentials(S3ClientConfig c) {
        if (c.credentials() == S3Credentials.ANONYMOUS) {
            return new Credentials(AnonymousCredentialsProvider.create(), true);
        }
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder().asyncCredentialUpdateEnabled(true);
        if (c.profile() != null) {
            chain.profileName(c.profile());
        }
        DefaultCredentialsProvider provider = chain.build();
        if (c.credentials() == S3Credentials.DEFAULT_CHAIN) {
            return new Credentials(provider, false);
        }
        try {
            AwsCredentials found = provider.resolveCredentials();
            LOG.debug("S3 requests are signed with credentials from {}", found.providerName().orElse("the default chain"));
            return new Credentials(provider, false);
        } catch (SdkClientException none) {
            LOG.info("No AWS credentials found (environment, profiles, roles); S3 requests are sent anonymously");
            return new Credentials(AnonymousCredentialsProvider.create(), true);
        }
    }

    private static String environmentRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException none) {
            return "us-east-1";
        }
    }
}
