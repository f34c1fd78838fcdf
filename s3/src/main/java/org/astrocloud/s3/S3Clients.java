package org.astrocloud.s3;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The {@link S3AsyncClient}s that the sources of one {@link S3ByteRangeSourceProvider} share: one
 * per {@link S3ClientConfig}, built on a bounded-elastic thread (finding credentials and the region
 * may read files or call the instance metadata service), all on one Netty event loop group of
 * their own (the SDK's, never Reactor Netty's). The SDK's own retries are off (one retry policy,
 * ours), and its futures complete on that event loop without a thread hop.
 *
 * <p>They come in generations: a source uses the generation that was current when it was opened;
 * {@link #disposeLater()} closes that generation, and the next source opened starts a new one.
 */
final class S3Clients {
    private static final Logger LOG = Loggers.getLogger(S3Clients.class);
    private static final Executor DIRECT = Runnable::run;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final AtomicReference<Generation> current = new AtomicReference<>();

    /** A client (null for the credentials of the Reactor Netty transport), whether it signs its requests, and the credentials provider it owns. */
    record S3Client(S3AsyncClient sdk, boolean anonymous, AwsCredentialsProvider credentials) {
    }

    /** The generation for a source opened now; builds nothing yet. */
    Generation current() {
        return current.updateAndGet(g -> g != null ? g : new Generation());
    }

    /** Closes the current generation, if any: its clients, then their event loops. */
    Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            Generation g = current.getAndSet(null);
            return g == null ? Mono.empty() : g.disposeLater();
        });
    }

    /** One set of clients and their event loops; once closed, it stays closed. */
    static final class Generation {
        /** Long enough for the close callbacks of the channels just closed; the loops run nothing else. */
        private static final long QUIET_PERIOD_MS = 100;
        private static final long SHUTDOWN_TIMEOUT_MS = 10_000;

        private final Map<S3ClientConfig, Mono<S3Client>> clients = new ConcurrentHashMap<>();
        private final Map<S3ClientConfig, Mono<Signing>> signings = new ConcurrentHashMap<>();
        private final Map<S3ClientConfig, BucketRegions> bucketRegions = new ConcurrentHashMap<>();
        private final List<S3Client> built = new ArrayList<>();   // guarded by this
        private SdkEventLoopGroup loops;                           // guarded by this; made with the first client
        private volatile boolean closed;

        /**
         * The client for {@code config}, built once, lazily, off the caller's thread. Fails with
         * an {@link IllegalStateException} once this generation is closed (a build that finishes
         * after that closes its client again).
         */
        Mono<S3Client> client(S3ClientConfig config) {
            return Mono.defer(() -> closed ? Mono.error(new IllegalStateException("the S3 clients are closed"))
                    : clients.computeIfAbsent(config, c -> Mono.fromCallable(() -> register(build(c, loops())))
                            .subscribeOn(Schedulers.boundedElastic())
                            .cache(client -> Duration.ofDays(36_500), e -> Duration.ZERO, () -> Duration.ZERO)));
        }

        /**
         * The credentials and signing region for {@code config}, for the Reactor Netty transport:
         * found once, lazily, on a bounded-elastic thread (the chain may read files or call the
         * instance metadata service), their provider closed with this generation.
         */
        Mono<Signing> signing(S3ClientConfig config) {
            return Mono.defer(() -> closed ? Mono.error(new IllegalStateException("the S3 clients are closed"))
                    : signings.computeIfAbsent(config, c -> Mono.fromCallable(() -> register(signingFor(c)))
                            .subscribeOn(Schedulers.boundedElastic())
                            .cache(found -> Duration.ofDays(36_500), e -> Duration.ZERO, () -> Duration.ZERO)));
        }

        /**
         * The region the bucket at {@code bucketUrl} is in, as S3 says ({@link BucketRegions}),
         * asked once per bucket on this generation's event loops; empty when it does not say.
         */
        Mono<String> bucketRegion(S3ClientConfig config, URI bucketUrl) {
            return Mono.defer(() -> closed ? Mono.error(new IllegalStateException("the S3 clients are closed"))
                    : bucketRegions.computeIfAbsent(config, c -> new BucketRegions(loops().eventLoopGroup(),
                            c.connectTimeout(), c.readTimeout())).regionOf(bucketUrl));
        }

        /** Whether {@link #disposeLater()} was called: every later read of this generation fails. */
        boolean isClosed() {
            return closed;
        }

        /** Closes the clients (on a bounded-elastic thread: the SDK waits for its pools), then the loops. */
        Mono<Void> disposeLater() {
            return Mono.defer(() -> {
                List<S3Client> toClose;
                SdkEventLoopGroup group;
                synchronized (this) {
                    closed = true;
                    toClose = List.copyOf(built);
                    built.clear();
                    group = loops;
                }
                Mono<Void> clientsClosed = Mono.<Void>fromRunnable(() -> closeAll(toClose))
                        .subscribeOn(Schedulers.boundedElastic());
                return group == null ? clientsClosed : clientsClosed.then(shutDown(group));
            });
        }

        private synchronized SdkEventLoopGroup loops() {
            if (closed) {
                throw new IllegalStateException("the S3 clients are closed");
            }
            if (loops == null) {
                loops = SdkEventLoopGroup.builder()
                        .threadFactory(new DefaultThreadFactory("astro-cloud-s3-" + NAMES.incrementAndGet(), true))
                        .build();
            }
            return loops;
        }

        private Signing register(Signing signing) {
            register(new S3Client(null, signing.anonymous(), signing.provider()));   // closed with the clients
            return signing;
        }

        private S3Client register(S3Client client) {
            synchronized (this) {
                if (!closed) {
                    built.add(client);
                    return client;
                }
            }
            closeAll(List.of(client));
            throw new IllegalStateException("the S3 clients were closed while this one was built");
        }

        private static Mono<Void> shutDown(SdkEventLoopGroup group) {
            return Mono.create(sink -> group.eventLoopGroup()
                    .shutdownGracefully(QUIET_PERIOD_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .addListener(done -> {
                        if (done.isSuccess()) {
                            sink.success();
                        } else {
                            sink.error(done.cause());
                        }
                    }));
        }
    }

    /** Closes every client and its credentials provider; the first failure is thrown after all were tried. */
    private static void closeAll(List<S3Client> toClose) {
        List<Runnable> steps = new ArrayList<>();
        for (S3Client c : toClose) {
            if (c.sdk() != null) {
                steps.add(c.sdk()::close);
            }
            if (c.credentials() instanceof SdkAutoCloseable owned) {
                steps.add(owned::close);
            }
        }
        RuntimeException failure = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static S3Client build(S3ClientConfig c, SdkEventLoopGroup loops) {
        Credentials credentials = credentials(c);
        S3AsyncClientBuilder b = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(loops)
                        .maxConcurrency(c.maxConcurrency())
                        .maxPendingConnectionAcquires(Math.max(10_000, c.maxConcurrency() * 4))
                        .connectionTimeout(c.connectTimeout())
                        .readTimeout(c.readTimeout())
                        .connectionAcquisitionTimeout(Duration.ofMinutes(10)))
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
        return new S3Client(b.build(), credentials.anonymous(), credentials.provider());
    }

    private record Credentials(AwsCredentialsProvider provider, boolean anonymous) {
    }

    /**
     * What signs the Reactor Netty transport's requests: the provider, the credentials it gives
     * (empty when anonymous) and the region. The credentials are asked of the provider on a
     * bounded-elastic thread only, never per request (its cache takes a lock, which would park an
     * event loop): kept until 5 minutes before they expire, or 15 minutes when they do not.
     */
    record Signing(AwsCredentialsProvider provider, boolean anonymous, String region, Mono<AwsCredentialsIdentity> identity) {
    }

    private static final Duration UNEXPIRING_CREDENTIALS = Duration.ofMinutes(15);
    private static final Duration BEFORE_EXPIRY = Duration.ofMinutes(5);

    private static Signing signingFor(S3ClientConfig c) {
        Credentials credentials = credentials(c);
        AwsCredentialsProvider provider = credentials.provider();
        Mono<AwsCredentialsIdentity> identity = credentials.anonymous() ? Mono.empty()
                : Mono.fromCallable(() -> (AwsCredentialsIdentity) provider.resolveCredentials())
                        .subscribeOn(Schedulers.boundedElastic())
                        .cache(S3Clients::keepFor, e -> Duration.ZERO, () -> Duration.ZERO);
        String region = c.region() != null ? c.region() : c.endpoint() != null ? "us-east-1" : environmentRegion();
        Signing signing = new Signing(provider, credentials.anonymous(), region, identity);
        identity.block();   // found now, on this bounded-elastic thread: a missing credential fails the first read
        return signing;
    }

    private static Duration keepFor(AwsCredentialsIdentity found) {
        return found.expirationTime()
                .map(expiry -> Duration.between(java.time.Instant.now(), expiry).minus(BEFORE_EXPIRY))
                .map(left -> left.isNegative() ? Duration.ZERO : left)
                .orElse(UNEXPIRING_CREDENTIALS);
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
            provider.close(); // it may have started refreshing in the background
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
