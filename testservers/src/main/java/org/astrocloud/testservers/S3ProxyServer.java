package org.astrocloud.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * An embedded <a href="https://github.com/gaul/s3proxy">s3proxy</a> 4.x server for tests, listening on
 * {@code 127.0.0.1} on an ephemeral port.
 *
 * <p>Pick a store, optionally change the options, then {@link Builder#start() start}:
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.filesystem(tempDir).start()) {          // SigV4, "access"/"secret"
 *     s3.createBucket("data");
 *     s3.put("data", "a.bin", bytes);
 *     TessFiles.writeCube(s3.placeFile("tess", "cube.fits"), 22, 4, 4, 1248); // sparse file served as an object
 *     s3.client().getObject(b -> b.bucket("data").key("a.bin").range("bytes=0-9"),
 *                           AsyncResponseTransformer.toBytes()).get(10, TimeUnit.SECONDS);
 * }
 * S3ProxyServer.inMemory().anonymous().ignoreUnknownHeaders().start();       // AuthenticationType.NONE
 * }</pre>
 *
 * <p>Behaviour worth knowing (s3proxy 4.1.0 with AWS SDK 2.56.0):
 * <ul>
 *   <li>Without {@link Builder#ignoreUnknownHeaders()}, any {@code x-amz-*} header that s3proxy does not know, such as
 *       {@code x-amz-request-payer}, is answered with {@code 501 NotImplemented}.</li>
 *   <li>Files placed with {@link #placeFile(String, String)} have no ETag (s3proxy keeps ETags and metadata in
 *       {@code user.*} xattrs, which only uploads write), so {@code If-Match} is ignored for them.</li>
 *   <li>The server is stopped with a stop timeout of 0, so {@link #close()} does not wait for in-flight requests.</li>
 *   <li>A plain {@code S3AsyncClient.close()} with the SDK's own Netty event loop group takes about 2 s (the SDK
 *       shuts the group down with a 2 s quiet period). The clients of this class therefore share one
 *       {@link SdkEventLoopGroup} that {@link #close()} shuts down with a 100 ms quiet period: closing them is quick.</li>
 * </ul>
 *
 * <p>{@link #close()} releases the server, its blob store, the client from {@link #client()} and the event loops of
 * every client from {@link #newClient(AwsCredentialsProvider)}.
 */
public final class S3ProxyServer implements AutoCloseable {

    /** Access key of a server with SigV4 authentication. */
    public static final String ACCESS_KEY = "access";
    /** Secret key of a server with SigV4 authentication. */
    public static final String SECRET_KEY = "secret";
    /** The region the clients sign for. s3proxy accepts any. */
    public static final Region REGION = Region.US_EAST_1;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_CONCURRENCY = 256;
    /** Long enough for the channel-close callbacks of a just-closed client; 0 makes Netty reject them. */
    private static final long QUIET_PERIOD_MS = 100;

    private final S3Proxy proxy;
    private final BlobStore store;
    private final Path baseDir;
    private final boolean anonymous;
    private final URI endpoint;
    private SdkEventLoopGroup eventLoops;
    private S3AsyncClient client;
    private boolean closed;

    private S3ProxyServer(S3Proxy proxy, BlobStore store, Path baseDir, boolean anonymous) {
        this.proxy = proxy;
        this.store = store;
        this.baseDir = baseDir;
        this.anonymous = anonymous;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /**
     * A server over s3proxy's filesystem store ({@code FilesystemNio2BlobStore}) in {@code baseDir}, which must
     * exist. Buckets are the directories of {@code baseDir}; object {@code key} of bucket {@code b} is the file
     * {@code baseDir/b/key}.
     */
    public static Builder filesystem(Path baseDir) {
        Objects.requireNonNull(baseDir, "baseDir");
        if (!Files.isDirectory(baseDir)) {
            throw new IllegalArgumentException("not a directory: " + baseDir);
        }
        return new Builder(baseDir.toAbsolutePath().normalize());
    }

    /** A server over s3proxy's transient in-memory store ({@code TransientNio2BlobStore}). */
    public static Builder inMemory() {
        return new Builder(null);
    }

    /** Options of a server not yet started. The defaults are SigV4 and strict headers. */
    public static final class Builder {
        private final Path baseDir;
        private boolean anonymous;
        private boolean ignoreUnknownHeaders;

        private Builder(Path baseDir) {
            this.baseDir = baseDir;
        }

        /** No authentication ({@code AuthenticationType.NONE}); {@link #client()} then sends unsigned requests. */
        public Builder anonymous() {
            this.anonymous = true;
            return this;
        }

        /** Accept unknown {@code x-amz-*} headers, e.g. {@code x-amz-request-payer}, instead of answering 501. */
        public Builder ignoreUnknownHeaders() {
            return ignoreUnknownHeaders(true);
        }

        /** Whether to accept unknown {@code x-amz-*} headers (default {@code false}: answer 501). */
        public Builder ignoreUnknownHeaders(boolean ignore) {
            this.ignoreUnknownHeaders = ignore;
            return this;
        }

        /** Starts the server and waits until Jetty reports {@code STARTED}. */
        public S3ProxyServer start() {
            BlobStore store = baseDir == null
                    ? new TransientNio2BlobStore()
                    : new FilesystemNio2BlobStore(baseDir.toString());
            AuthenticationType auth = anonymous ? AuthenticationType.NONE : AuthenticationType.AWS_V4;
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(auth, anonymous ? null : ACCESS_KEY, anonymous ? null : SECRET_KEY)
                    .ignoreUnknownHeaders(ignoreUnknownHeaders)
                    .stopTimeout(0)
                    .build();
            try {
                proxy.start();
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                while (!"STARTED".equals(proxy.getState())) {
                    if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                    }
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                stopQuietly(proxy, e);
                store.close();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw e instanceof RuntimeException re ? re : new IllegalStateException("s3proxy did not start", e);
            }
            return new S3ProxyServer(proxy, store, baseDir, anonymous);
        }

        private static void stopQuietly(S3Proxy proxy, Exception cause) {
            try {
                proxy.stop();
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The ephemeral port the server listens on. */
    public int port() {
        return proxy.getPort();
    }

    /** {@value #ACCESS_KEY}, or {@code null} for an anonymous server. */
    public String accessKey() {
        return anonymous ? null : ACCESS_KEY;
    }

    /** {@value #SECRET_KEY}, or {@code null} for an anonymous server. */
    public String secretKey() {
        return anonymous ? null : SECRET_KEY;
    }

    /** Whether the server runs without authentication. */
    public boolean isAnonymous() {
        return anonymous;
    }

    /** The credentials {@link #client()} uses: static "access"/"secret", or anonymous. */
    public AwsCredentialsProvider credentials() {
        return anonymous
                ? AnonymousCredentialsProvider.create()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /**
     * The shared bare client of this server, created on first use and closed by {@link #close()}: Netty NIO with
     * {@code maxConcurrency} 256, path-style addressing, region us-east-1, and {@link #credentials()}.
     */
    public synchronized S3AsyncClient client() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (client == null) {
            client = newClient(credentials());
        }
        return client;
    }

    /**
     * A new client configured like {@link #client()} but with other credentials, e.g. a wrong secret. The caller
     * may close it early (quickly: it does not own its event loops); {@link #close()} shuts down its event loops in
     * any case, so do not use it after that.
     */
    public S3AsyncClient newClient(AwsCredentialsProvider credentials) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(MAX_CONCURRENCY)
                        .eventLoopGroup(eventLoops()))
                .build();
    }

    /** The event loops of every client of this server, made on first use (the SDK's default kind and size). */
    private synchronized SdkEventLoopGroup eventLoops() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (eventLoops == null) {
            eventLoops = SdkEventLoopGroup.builder().build();
        }
        return eventLoops;
    }

    /** Creates {@code bucket} through {@link #client()}; blocks the calling (set-up) thread until done. */
    public void createBucket(String bucket) {
        await(client().createBucket(b -> b.bucket(bucket)));
    }

    /** Uploads {@code bytes} as {@code bucket/key} through {@link #client()}; blocks the calling (set-up) thread until done. */
    public void put(String bucket, String key, byte[] bytes) {
        await(client().putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(bytes)));
    }

    /**
     * The path in the filesystem store at which a file becomes object {@code bucket/key}. The bucket directory and
     * any directories of a key with slashes are created (which also creates the bucket); the file itself is not.
     * Write it directly, e.g. sparse with {@code RandomAccessFile.setLength} or {@code TessFiles.writeCube}.
     *
     * @throws IllegalStateException for an in-memory server
     */
    public Path placeFile(String bucket, String key) {
        if (baseDir == null) {
            throw new IllegalStateException("placeFile needs a filesystem store");
        }
        Path bucketDir = baseDir.resolve(bucket).normalize();
        Path file = bucketDir.resolve(key).normalize();
        if (!bucketDir.getParent().equals(baseDir) || !file.startsWith(bucketDir) || file.equals(bucketDir)) {
            throw new IllegalArgumentException("bad bucket or key: " + bucket + "/" + key);
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The filesystem store's base directory, or {@code null} for an in-memory server. */
    public Path baseDir() {
        return baseDir;
    }

    /**
     * Closes the client from {@link #client()}, shuts down the event loops of all clients of this server, stops the
     * server and closes the blob store. Idempotent.
     */
    @Override
    public void close() {
        S3AsyncClient c;
        SdkEventLoopGroup loops;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            c = client;
            loops = eventLoops;
            client = null;
            eventLoops = null;
        }
        RuntimeException failure = null;
        try {
            if (c != null) {
                c.close();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (loops != null) {
            loops.eventLoopGroup().shutdownGracefully(QUIET_PERIOD_MS, 5_000, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = chain(failure, new IllegalStateException("s3proxy did not stop", e));
        }
        try {
            store.close();
        } catch (RuntimeException e) {
            failure = chain(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "S3ProxyServer[" + endpoint + (baseDir == null ? ", in-memory" : ", " + baseDir)
                + (anonymous ? ", anonymous" : ", SigV4") + "]";
    }

    private static RuntimeException chain(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * Waits up to a minute for {@code call} on the calling thread: set-up code of tests and the demo
     * runs on a main thread, never on an event loop. A failure is rethrown unwrapped.
     */
    private static void await(java.util.concurrent.CompletableFuture<?> call) {
        try {
            call.get(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                re.addSuppressed(new Exception("awaited here"));
                throw re;
            }
            throw new CompletionException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("s3proxy did not answer within a minute", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
