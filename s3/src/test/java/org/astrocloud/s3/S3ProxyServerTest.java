package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrocloud.testservers.S3ProxyServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AccessDeniedException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Smoke test of {@link S3ProxyServer} with a bare {@link S3AsyncClient}. It also pins down how s3proxy 4.1.0 and
 * AWS SDK 2.56.0 report errors, which the S3 range source has to map.
 */
class S3ProxyServerTest {

    private static final int MIB = 1 << 20;
    private static final long CUBE_SIZE = 44_316_717_120L;

    @TempDir
    static Path baseDir;

    /** Filesystem store, SigV4, strict headers. */
    private static S3ProxyServer signed;
    /** In-memory store, SigV4, unknown headers ignored. */
    private static S3ProxyServer lenient;
    /** In-memory store, no authentication. */
    private static S3ProxyServer open;
    private static byte[] mib;

    @BeforeAll
    static void startServers() {
        long t0 = System.nanoTime();
        signed = S3ProxyServer.filesystem(baseDir).start();
        long t1 = System.nanoTime();
        signed.client().listBuckets().join();
        System.out.printf("S3ProxyServerTest: first start in this JVM %.0f ms, first request (new client) %.0f ms%n",
                (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
        lenient = S3ProxyServer.inMemory().ignoreUnknownHeaders().start();
        open = S3ProxyServer.inMemory().anonymous().start();
        mib = new byte[MIB];
        new Random(42).nextBytes(mib);
        signed.createBucket("data");
        signed.put("data", "obj.bin", mib);
        lenient.createBucket("data");
        lenient.put("data", "obj.bin", mib);
    }

    @AfterAll
    static void stopServers() {
        for (S3ProxyServer s : new S3ProxyServer[] {signed, lenient, open}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void helperBasics() {
        assertEquals("http://127.0.0.1:" + signed.port(), signed.endpoint().toString());
        assertTrue(signed.port() > 0);
        assertEquals("access", signed.accessKey());
        assertEquals("secret", signed.secretKey());
        assertNull(open.accessKey());
        assertNull(open.secretKey());
        assertTrue(open.isAnonymous());
        assertSame(signed.client(), signed.client(), "one shared client");
        assertEquals(baseDir.resolve("tess").resolve("a").resolve("b.fits"),
                signed.placeFile("tess", "a/b.fits").toAbsolutePath());
        assertTrue(Files.isDirectory(baseDir.resolve("tess").resolve("a")));
        assertThrows(IllegalStateException.class, () -> open.placeFile("tess", "x"));
        assertThrows(IllegalArgumentException.class, () -> signed.placeFile("tess", "../escape"));
    }

    @Test
    void signedRangedGetReturns206WithExactBytes() {
        ResponseBytes<GetObjectResponse> r = get(signed.client(), "data", "obj.bin", "bytes=1000-5095");
        assertEquals(206, r.response().sdkHttpResponse().statusCode());
        assertEquals("bytes 1000-5095/1048576", r.response().contentRange());
        assertEquals(List.of("bytes 1000-5095/1048576"), r.response().sdkHttpResponse().headers().get("Content-Range"));
        assertEquals(4096L, r.response().contentLength());
        assertArrayEquals(slice(mib, 1000, 4096), r.asByteArray());
    }

    @Test
    void rangeStartingPastEofIs416InvalidRange() {
        S3Exception e = failure(S3Exception.class,
                signed.client().getObject(b -> b.bucket("data").key("obj.bin").range("bytes=1048576-1048600"),
                        AsyncResponseTransformer.toBytes()));
        assertEquals(S3Exception.class, e.getClass(), "no dedicated subclass");
        assertEquals(416, e.statusCode());
        assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
        assertEquals("The requested range is not satisfiable", e.awsErrorDetails().errorMessage());
        assertTrue(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Content-Range").isEmpty(),
                "s3proxy sends no 'Content-Range: bytes */size' with 416");
    }

    @Test
    void rangeRunningPastEofIsTruncatedTo206() {
        ResponseBytes<GetObjectResponse> r = get(signed.client(), "data", "obj.bin", "bytes=1048566-1049576");
        assertEquals(206, r.response().sdkHttpResponse().statusCode());
        assertEquals("bytes 1048566-1048575/1048576", r.response().contentRange());
        assertEquals(10L, r.response().contentLength());
        assertArrayEquals(slice(mib, 1048566, 10), r.asByteArray());
    }

    @Test
    void anonymousServerWithAnonymousClient() {
        assertInstanceOf(AnonymousCredentialsProvider.class, open.credentials());
        open.createBucket("public");
        open.put("public", "obj.bin", mib);
        ResponseBytes<GetObjectResponse> r = get(open.client(), "public", "obj.bin", "bytes=0-99");
        assertEquals(206, r.response().sdkHttpResponse().statusCode());
        assertEquals("bytes 0-99/1048576", r.response().contentRange());
        assertArrayEquals(slice(mib, 0, 100), r.asByteArray());
        // A signed client is accepted by a server without authentication, too.
        try (S3AsyncClient signedClient = open.newClient(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))) {
            assertEquals(206, get(signedClient, "public", "obj.bin", "bytes=0-99").response().sdkHttpResponse()
                    .statusCode());
        }
    }

    @Test
    void requestPayerNeedsIgnoreUnknownHeaders() {
        GetObjectRequest req = GetObjectRequest.builder().bucket("data").key("obj.bin").range("bytes=0-9")
                .requestPayer(RequestPayer.REQUESTER).build();
        ResponseBytes<GetObjectResponse> ok = lenient.client().getObject(req, AsyncResponseTransformer.toBytes()).join();
        assertEquals(206, ok.response().sdkHttpResponse().statusCode());
        assertArrayEquals(slice(mib, 0, 10), ok.asByteArray());

        S3Exception e = failure(S3Exception.class, signed.client().getObject(req, AsyncResponseTransformer.toBytes()));
        assertEquals(501, e.statusCode());
        assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
    }

    @Test
    void sparseCubePlacedInTheStoreIsListedAndReadable() throws IOException {
        Path cube = TessFiles.writeCube(signed.placeFile("tess", "tess-s0022-4-4-cube.fits"), 22, 4, 4, 1248);
        assertEquals(CUBE_SIZE, Files.size(cube));
        S3AsyncClient s3 = signed.client();

        ListObjectsV2Response list = s3.listObjectsV2(b -> b.bucket("tess").prefix("tess-s0022")).join();
        assertEquals(1, list.contents().size());
        S3Object o = list.contents().get(0);
        assertEquals("tess-s0022-4-4-cube.fits", o.key());
        assertEquals(CUBE_SIZE, o.size());
        assertEquals(CUBE_SIZE, s3.headObject(b -> b.bucket("tess").key(o.key())).join().contentLength());

        long from = CUBE_SIZE - 4000;
        long t0 = System.nanoTime();
        ResponseBytes<GetObjectResponse> tail = get(s3, "tess", o.key(), "bytes=" + from + "-" + (CUBE_SIZE - 1));
        long nanos = System.nanoTime() - t0;
        assertEquals(206, tail.response().sdkHttpResponse().statusCode());
        assertEquals("bytes " + from + "-" + (CUBE_SIZE - 1) + "/" + CUBE_SIZE, tail.response().contentRange());
        assertArrayEquals(read(cube, from, 4000), tail.asByteArray());
        System.out.printf("S3ProxyServerTest: 4000-byte tail of the %,d-byte sparse cube in %.1f ms%n",
                CUBE_SIZE, nanos / 1e6);

        ResponseBytes<GetObjectResponse> head = get(s3, "tess", o.key(), "bytes=0-79");
        assertTrue(head.asString(StandardCharsets.US_ASCII).startsWith("SIMPLE  ="));
        // The binary table's header sits 44.3 GB into the file, after the image data hole.
        long tableAt = CUBE_SIZE - TessFiles.header("cube-hdu2-table.txt", "NAXIS2", "1248").length
                - TessFiles.pad((long) TessFiles.CUBE_TABLE_ROW_BYTES * 1248);
        ResponseBytes<GetObjectResponse> table = get(s3, "tess", o.key(), "bytes=" + tableAt + "-" + (tableAt + 79));
        assertTrue(table.asString(StandardCharsets.US_ASCII).startsWith("XTENSION= 'BINTABLE'"),
                table.asString(StandardCharsets.US_ASCII));
    }

    /**
     * 2,500 objects, written as files straight into the filesystem store: through the SDK, a small putObject
     * costs 7-13 ms against s3proxy on this 2-core machine (2,500 signed puts at 64 in flight took 18 s).
     */
    @Test
    void listObjectsV2PagesAt1000Keys() throws IOException {
        int n = 2500;
        S3AsyncClient s3 = signed.client();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Files.writeString(signed.placeFile("many", key(i)), "object " + i, StandardCharsets.US_ASCII);
        }
        long t1 = System.nanoTime();

        List<Integer> pageSizes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String token = null;
        ListObjectsV2Response page;
        do {
            String continuation = token;
            page = s3.listObjectsV2(b -> b.bucket("many").continuationToken(continuation)).join();
            pageSizes.add(page.contents().size());
            assertEquals(page.contents().size(), page.keyCount());
            page.contents().forEach(c -> keys.add(c.key()));
            token = page.nextContinuationToken();
            assertEquals(token != null, page.isTruncated());
        } while (page.isTruncated());
        long t2 = System.nanoTime();

        assertEquals(List.of(1000, 1000, 500), pageSizes);
        assertEquals(n, keys.size());
        for (int i = 0; i < n; i++) {
            assertEquals(key(i), keys.get(i));
        }
        ListObjectsV2Response small = s3.listObjectsV2(b -> b.bucket("many").maxKeys(7)).join();
        assertEquals(7, small.contents().size());
        assertTrue(small.isTruncated());
        System.out.printf("S3ProxyServerTest: %d files placed in %.0f ms, 3 list pages in %.0f ms%n",
                n, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }

    /** How the SDK reports the errors of a missing key or bucket. */
    @Test
    void missingKeyAndBucketAre404() {
        S3AsyncClient s3 = signed.client();
        NoSuchKeyException key = failure(NoSuchKeyException.class,
                s3.getObject(b -> b.bucket("data").key("nope"), AsyncResponseTransformer.toBytes()));
        assertEquals(404, key.statusCode());
        assertEquals("NoSuchKey", key.awsErrorDetails().errorCode());

        NoSuchBucketException bucket = failure(NoSuchBucketException.class,
                s3.getObject(b -> b.bucket("nobucket").key("nope"), AsyncResponseTransformer.toBytes()));
        assertEquals(404, bucket.statusCode());
        assertEquals("NoSuchBucket", bucket.awsErrorDetails().errorCode());

        NoSuchBucketException list = failure(NoSuchBucketException.class, s3.listObjectsV2(b -> b.bucket("nobucket")));
        assertEquals(404, list.statusCode());

        // HEAD has no error body: the SDK derives the type from the operation and the status alone.
        NoSuchKeyException headKey = failure(NoSuchKeyException.class, s3.headObject(b -> b.bucket("data").key("no")));
        assertEquals(404, headKey.statusCode());
        NoSuchKeyException headKeyNoBucket = failure(NoSuchKeyException.class,
                s3.headObject(b -> b.bucket("nobucket").key("no")));
        assertEquals(404, headKeyNoBucket.statusCode());
        NoSuchBucketException headBucket = failure(NoSuchBucketException.class,
                s3.headBucket(b -> b.bucket("nobucket")));
        assertEquals(404, headBucket.statusCode());

        // The in-memory store answers the same.
        assertEquals("NoSuchKey", failure(NoSuchKeyException.class, lenient.client().getObject(
                b -> b.bucket("data").key("nope"), AsyncResponseTransformer.toBytes())).awsErrorDetails().errorCode());
        assertEquals("NoSuchBucket", failure(NoSuchBucketException.class, open.client().getObject(
                b -> b.bucket("nobucket").key("nope"), AsyncResponseTransformer.toBytes())).awsErrorDetails()
                .errorCode());
    }

    /** How the SDK reports authentication failures against a SigV4 server. */
    @Test
    void authenticationFailuresAre403() {
        try (S3AsyncClient wrongSecret = signed.newClient(
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "wrong")));
             S3AsyncClient wrongAccess = signed.newClient(
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("nobody", "secret")));
             S3AsyncClient anonymous = signed.newClient(AnonymousCredentialsProvider.create())) {
            S3Exception sig = failure(S3Exception.class,
                    wrongSecret.getObject(b -> b.bucket("data").key("obj.bin"), AsyncResponseTransformer.toBytes()));
            assertEquals(S3Exception.class, sig.getClass());
            assertEquals(403, sig.statusCode());
            assertEquals("SignatureDoesNotMatch", sig.awsErrorDetails().errorCode());

            S3Exception access = failure(S3Exception.class,
                    wrongAccess.getObject(b -> b.bucket("data").key("obj.bin"), AsyncResponseTransformer.toBytes()));
            assertEquals(S3Exception.class, access.getClass());
            assertEquals(403, access.statusCode());
            assertEquals("InvalidAccessKeyId", access.awsErrorDetails().errorCode());

            AccessDeniedException denied = failure(AccessDeniedException.class,
                    anonymous.getObject(b -> b.bucket("data").key("obj.bin"), AsyncResponseTransformer.toBytes()));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals(403, failure(AccessDeniedException.class, anonymous.listObjectsV2(b -> b.bucket("data")))
                    .statusCode());

            // HEAD: no body, so a plain S3Exception 403 without an error code.
            for (S3AsyncClient c : List.of(wrongSecret, anonymous)) {
                S3Exception head = failure(S3Exception.class, c.headObject(b -> b.bucket("data").key("obj.bin")));
                assertEquals(S3Exception.class, head.getClass());
                assertEquals(403, head.statusCode());
                assertNull(head.awsErrorDetails().errorCode());
            }
        }
    }

    @Test
    void noBucketRegionHeader() {
        HeadBucketResponse hb = signed.client().headBucket(b -> b.bucket("data")).join();
        assertEquals(200, hb.sdkHttpResponse().statusCode());
        assertNull(hb.bucketRegion());
        assertNoBucketRegion(hb.sdkHttpResponse());
        open.createBucket("region");
        assertNoBucketRegion(open.client().headBucket(b -> b.bucket("region")).join().sdkHttpResponse());
        assertNoBucketRegion(get(signed.client(), "data", "obj.bin", "bytes=0-0").response().sdkHttpResponse());
        assertNoBucketRegion(signed.client().listObjectsV2(b -> b.bucket("data")).join().sdkHttpResponse());
        assertNoBucketRegion(failure(S3Exception.class, signed.client().headBucket(b -> b.bucket("nobucket")))
                .awsErrorDetails().sdkHttpResponse());
        assertEquals("", signed.client().getBucketLocation(b -> b.bucket("data")).join().locationConstraintAsString());
    }

    @Test
    void startAndStopTimes() throws IOException {
        Path dir = Files.createDirectory(baseDir.resolve("timing"));
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            S3ProxyServer s = S3ProxyServer.filesystem(dir).start();
            long t1 = System.nanoTime();
            s.client().listBuckets().join();
            long t2 = System.nanoTime();
            s.close();
            long t3 = System.nanoTime();
            System.out.printf("S3ProxyServerTest: start %.1f ms, first request (new client) %.1f ms,"
                    + " close (client + server) %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
            assertTrue(t3 - t2 < 1_000_000_000L, "close took " + (t3 - t2) / 1e6 + " ms");
            s.close();
        }
        long t0 = System.nanoTime();
        S3ProxyServer s = S3ProxyServer.inMemory().anonymous().start();
        long t1 = System.nanoTime();
        s.close();
        long t2 = System.nanoTime();
        System.out.printf("S3ProxyServerTest: in-memory start %.1f ms, close without client %.1f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        assertThrows(IllegalStateException.class, s::client);
    }

    private static void assertNoBucketRegion(SdkHttpResponse response) {
        assertFalse(response.firstMatchingHeader("x-amz-bucket-region").isPresent(),
                () -> "x-amz-bucket-region in " + response.headers());
    }

    private static ResponseBytes<GetObjectResponse> get(S3AsyncClient s3, String bucket, String key, String range) {
        return s3.getObject(b -> b.bucket(bucket).key(key).range(range), AsyncResponseTransformer.toBytes()).join();
    }

    /** Joins {@code future}, expects it to fail with {@code type} and returns that cause. */
    private static <T extends Throwable> T failure(Class<T> type, CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        return assertInstanceOf(type, e.getCause());
    }

    private static String key(int i) {
        return String.format("obj-%05d", i);
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }

    private static byte[] read(Path file, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buf.hasRemaining() && ch.read(buf, position + buf.position()) >= 0) {
                // keep reading
            }
        }
        return buf.array();
    }
}
