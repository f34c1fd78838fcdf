package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.astrocloud.fits.error.ObjectAccessDeniedException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.support.ObjectKeys;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Reactor Netty transport against s3proxy, which checks every SigV4 signature: what is signed,
 * that an unsigned or wrongly keyed request is refused, and where each object's URL points.
 * Requests are seen by a forwarding proxy in front (it keeps Host, so signatures still verify).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3NettyTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final byte[] content = new byte[100_000];
    private S3ProxyServer server;
    private FaultProxy proxy;

    @BeforeAll
    void start() {
        S3TestSupport.useServerKeys();
        new Random(3).nextBytes(content);
        server = S3ProxyServer.inMemory().ignoreUnknownHeaders().start();   // it does not know x-amz-request-payer
        server.createBucket("signed");
        server.put("signed", "dir/a file+%.fits", content);
        proxy = new FaultProxy(server.endpoint().toString(), n -> FaultProxy.Action.FORWARD);
    }

    @AfterAll
    void stop() {
        ByteRangeSources.installed().close();
        proxy.close();
        server.close();
    }

    private SourceOptions options(S3Credentials credentials) {
        return SourceOptions.empty()
                .with(S3Options.ENDPOINT, URI.create(proxy.url("")))
                .with(S3Options.CREDENTIALS, credentials)
                .with(S3Options.TRANSPORT, S3Transport.REACTOR_NETTY);
    }

    private static URI object(String key) {
        return URI.create("s3://signed/" + ObjectKeys.encodePath(key));
    }

    @Test
    void signedRangedGetShouldGiveTheExactBytesOfAKeyThatNeedsEncoding() {
        int before = proxy.received().size();
        ByteRangeSource s = ByteRangeSources.open(object("dir/a file+%.fits"),
                options(S3Credentials.DEFAULT_CHAIN).with(S3Options.REQUESTER_PAYS, true));

        byte[] got = S3TestSupport.bytes(s.read(ByteRange.of(1_000, 5_000)).block(TIMEOUT));

        assertArrayEquals(Arrays.copyOfRange(content, 1_000, 6_000), got);
        RangeFileServer.Request sent = proxy.received().stream().skip(before).filter(r -> r.method().equals("GET"))
                .findFirst().orElseThrow();   // after the bucket's HEAD, if this test runs first
        assertEquals("/signed/dir/a%20file%2B%25.fits", sent.uri());
        assertEquals("bytes=1000-5999", sent.range());
        assertTrue(sent.authorization().startsWith("AWS4-HMAC-SHA256 Credential=" + S3ProxyServer.ACCESS_KEY + "/"),
                sent.authorization());
        assertTrue(sent.authorization().contains("/us-east-1/s3/aws4_request"), sent.authorization());
        assertTrue(sent.authorization().matches(".*SignedHeaders=[^,]*range;[^,]*x-amz-request-payer.*"), sent.authorization());
        assertEquals("requester", sent.headers().get("x-amz-request-payer"));
        // S3 wants the payload's hash in every signed request: here the SHA-256 of no bytes
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sent.headers().get("x-amz-content-sha256"));
        assertTrue(sent.authorization().matches(".*SignedHeaders=[^,]*x-amz-content-sha256.*"), sent.authorization());
        assertEquals(s.uri(), object("dir/a file+%.fits"), "the source answers to the s3:// URI it was opened with");
    }

    @Test
    void aBucketInAnotherRegionShouldBeSignedForTheRegionS3NamesAskedOncePerBucket() {
        // S3 names a bucket's region in x-amz-bucket-region on any answer to HEAD of the bucket (here a 301, as
        // AWS gives for a bucket outside the endpoint's region); s3proxy reads the region from the signature
        try (FaultProxy regional = new FaultProxy(server.endpoint().toString(), (n, request) -> request.method().equals("HEAD")
                ? FaultProxy.Action.status(301, java.util.Map.of("x-amz-bucket-region", "eu-west-3"))
                : FaultProxy.Action.FORWARD, true)) {
            SourceOptions options = options(S3Credentials.DEFAULT_CHAIN).with(S3Options.ENDPOINT, URI.create(regional.url("")));

            for (int i = 0; i < 2; i++) {
                ByteRangeSource s = ByteRangeSources.open(object("dir/a file+%.fits"), options);
                byte[] got = S3TestSupport.bytes(s.read(ByteRange.of(i * 10, 10)).block(TIMEOUT));
                assertArrayEquals(Arrays.copyOfRange(content, i * 10, i * 10 + 10), got);
            }

            java.util.List<RangeFileServer.Request> seen = regional.received();
            assertEquals(java.util.List.of("HEAD /signed/", "GET /signed/dir/a%20file%2B%25.fits", "GET /signed/dir/a%20file%2B%25.fits"),
                    seen.stream().map(r -> r.method() + " " + r.uri()).toList());
            assertEquals(null, seen.get(0).authorization(), "the region is asked unsigned");
            for (RangeFileServer.Request get : seen.subList(1, 3)) {
                assertTrue(get.authorization().contains("/eu-west-3/s3/aws4_request"), get.authorization());
            }
        }
    }

    @Test
    void aConfiguredRegionShouldBeSignedForWithoutAsking() {
        try (FaultProxy regional = new FaultProxy(server.endpoint().toString(), n -> FaultProxy.Action.FORWARD)) {
            ByteRangeSource s = ByteRangeSources.open(object("dir/a file+%.fits"), options(S3Credentials.DEFAULT_CHAIN)
                    .with(S3Options.ENDPOINT, URI.create(regional.url(""))).with(S3Options.REGION, "ap-south-1"));
            S3TestSupport.bytes(s.read(ByteRange.of(0, 10)).block(TIMEOUT));

            assertEquals(1, regional.received().size());
            assertTrue(regional.received().get(0).authorization().contains("/ap-south-1/s3/aws4_request"));
        }
    }

    @Test
    void unsignedRequestToABucketThatNeedsKeysShouldBeAccessDenied() {
        ByteRangeSource s = ByteRangeSources.open(object("dir/a file+%.fits"), options(S3Credentials.ANONYMOUS));
        Throwable e = assertThrows(RuntimeException.class, () -> s.read(ByteRange.of(0, 10)).block(TIMEOUT));
        assertInstanceOf(ObjectAccessDeniedException.class, e);
    }

    @Test
    void missingKeyShouldBeNotFound() {
        ByteRangeSource s = ByteRangeSources.open(object("no/such.fits"), options(S3Credentials.DEFAULT_CHAIN));
        Throwable e = assertThrows(RuntimeException.class, () -> s.read(ByteRange.of(0, 10)).block(TIMEOUT));
        assertInstanceOf(ObjectNotFoundException.class, e);
    }

    @Test
    void objectUrlsShouldPointWhereS3ServesTheObject() {
        S3Location at = new S3Location("tess-data", "sector 22/x+y.fits", null);
        S3Location dotted = new S3Location("my.bucket", "k.fits", null);
        URI endpoint = URI.create("http://127.0.0.1:9000/");
        assertEquals(URI.create("http://127.0.0.1:9000/tess-data/sector%2022/x%2By.fits"),
                S3OverHttp.objectUrl(at, config(endpoint, true, null)));
        assertEquals(URI.create("http://tess-data.127.0.0.1:9000/sector%2022/x%2By.fits"),
                S3OverHttp.objectUrl(at, config(endpoint, false, null)));
        assertEquals(URI.create("https://tess-data.s3.amazonaws.com/sector%2022/x%2By.fits"),
                S3OverHttp.objectUrl(at, config(null, false, null)));
        assertEquals(URI.create("https://tess-data.s3.us-west-2.amazonaws.com/sector%2022/x%2By.fits"),
                S3OverHttp.objectUrl(at, config(null, false, "us-west-2")));
        assertEquals(URI.create("https://s3.eu-west-1.amazonaws.com/my.bucket/k.fits"),
                S3OverHttp.objectUrl(dotted, config(null, false, "eu-west-1")));
        assertEquals("%C3%A9t%C3%A9/a~b_c-d.e", ObjectKeys.encodePath("été/a~b_c-d.e"));
    }

    private static S3ClientConfig config(URI endpoint, boolean pathStyle, String region) {
        return new S3ClientConfig(region, endpoint, pathStyle, S3Credentials.ANONYMOUS, null, 8, Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }
}
