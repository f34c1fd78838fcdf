package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.astrocloud.fits.error.ObjectChangedException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.Revalidation;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Listings with metadata, revalidation and pinned reads against s3proxy, with the requests counted
 * by a forwarding proxy in front of it. ETags are the MD5 of the content (single-part uploads),
 * computed here.
 */
class S3RevalidateTest {
    static S3ProxyServer s3;
    FaultProxy proxy;

    @BeforeAll
    static void start() {
        S3TestSupport.useServerKeys();
        s3 = S3ProxyServer.inMemory().start();
        s3.createBucket("cat");
    }

    @AfterAll
    static void stop() {
        ByteRangeSources.installed().close();
        if (s3 != null) {
            s3.close();
        }
    }

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    private static String md5(byte[] content) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
    }

    private static SourceOptions at(URI endpoint) {
        return S3TestSupport.fastRetries().with(S3Options.ENDPOINT, endpoint).with(S3Options.CREDENTIALS, S3Credentials.DEFAULT_CHAIN);
    }

    private URI throughProxy() {
        proxy = new FaultProxy(s3.endpoint().toString(), n -> FaultProxy.Action.FORWARD);
        return URI.create("http://127.0.0.1:" + proxy.port());
    }

    @Test
    void aListingShouldGiveEachObjectsSizeEtagAndModificationTimeAsTheServerHasThem() throws Exception {
        byte[] a = ByteRangeSourceContract.content(10_000, 1);
        byte[] b = ByteRangeSourceContract.content(20_001, 2);
        s3.put("cat", "list/a.fits", a);
        s3.put("cat", "list/sub/b.fits", b);
        s3.put("cat", "list/c.txt", new byte[3]);

        List<ObjectInfo> listed = ByteRangeSources.installed().list(URI.create("s3://cat/list/**.fits"), at(s3.endpoint()))
                .collectList().block(S3TestSupport.TIMEOUT);

        assertEquals(List.of(URI.create("s3://cat/list/a.fits"), URI.create("s3://cat/list/sub/b.fits")),
                listed.stream().map(ObjectInfo::uri).toList());
        assertEquals(List.of(md5(a), md5(b)), listed.stream().map(ObjectInfo::validator).toList());
        assertEquals(List.of(10_000L, 20_001L), listed.stream().map(ObjectInfo::size).toList());
        HeadObjectResponse head = s3.client().headObject(h -> h.bucket("cat").key("list/a.fits")).join();
        assertEquals(head.lastModified(), listed.get(0).lastModified(), "as the server's HeadObject says");
        assertEquals(List.of(URI.create("s3://cat/list/a.fits"), URI.create("s3://cat/list/sub/b.fits")),
                ByteRangeSources.installed().expand(URI.create("s3://cat/list/**.fits"), at(s3.endpoint()))
                        .collectList().block(S3TestSupport.TIMEOUT), "expand lists the same");
    }

    @Test
    void revalidationOfAnUnchangedObjectShouldBeOneRequestThatMovesNoByte() throws Exception {
        byte[] content = ByteRangeSourceContract.content(50_000, 3);
        s3.put("cat", "same.fits", content);
        ByteRangeSource s = ByteRangeSources.open(URI.create("s3://cat/same.fits"), at(throughProxy()));

        Revalidation r = s.revalidate(ObjectInfo.of(s.uri()).withSize(content.length).withValidator(md5(content)))
                .block(S3TestSupport.TIMEOUT);

        assertTrue(r.unchanged(), r::toString);
        assertEquals(Optional.of(md5(content)), r.current().knownValidator());
        assertEquals(OptionalLong.of(content.length), r.current().knownSize());
        List<RangeFileServer.Request> seen = proxy.received();
        if (S3TestSupport.transport() == S3Transport.SDK) {   // a HeadObject
            assertNotNull(r.current().lastModified());
            assertEquals(List.of("HEAD"), seen.stream().map(RangeFileServer.Request::method).toList());
        } else {                                               // HTTP's conditional GET, which moves no byte
            assertEquals(List.of("GET"), seen.stream().map(RangeFileServer.Request::method).toList());
            assertEquals(md5(content), seen.get(0).headers().get("If-None-Match"));
        }
        assertEquals(1, s.stats().requests());
        assertEquals(0, s.stats().bytesRead());
    }

    @Test
    void revalidationOfAnOverwrittenObjectShouldSayChangedWithTheNewEtag() throws Exception {
        byte[] v1 = ByteRangeSourceContract.content(50_000, 4);
        byte[] v2 = ByteRangeSourceContract.content(50_000, 5);
        s3.put("cat", "over.fits", v1);
        ObjectInfo known = ByteRangeSources.installed().list(URI.create("s3://cat/over*"), at(s3.endpoint()))
                .single().block(S3TestSupport.TIMEOUT);
        s3.put("cat", "over.fits", v2);
        ByteRangeSource s = ByteRangeSources.open(URI.create("s3://cat/over.fits"), at(s3.endpoint()));

        Revalidation r = s.revalidate(known).block(S3TestSupport.TIMEOUT);

        assertFalse(r.unchanged(), r::toString);
        assertEquals(md5(v1), known.validator());
        assertEquals(Optional.of(md5(v2)), r.current().knownValidator());
    }

    @Test
    void aPinnedReadOfAnOverwrittenObjectShouldFailWithObjectChanged() throws Exception {
        byte[] v1 = ByteRangeSourceContract.content(50_000, 6);
        s3.put("cat", "pinned.fits", v1);
        ByteRangeSource s = ByteRangeSources.open(URI.create("s3://cat/pinned.fits"), at(throughProxy()));
        ByteRangeSource pinned = s.pinned(md5(v1));

        byte[] first = S3TestSupport.bytes(pinned.read(ByteRange.of(0, 1000)).block(S3TestSupport.TIMEOUT));
        assertArrayEquals(Arrays.copyOfRange(v1, 0, 1000), first);
        s3.put("cat", "pinned.fits", ByteRangeSourceContract.content(50_000, 7));

        ObjectChangedException e = assertThrows(ObjectChangedException.class,
                () -> pinned.read(ByteRange.of(1000, 1000)).block(S3TestSupport.TIMEOUT));
        assertEquals(Optional.of(s.uri()), e.uri());
        assertEquals(OptionalLong.of(1000), e.offset());
        assertEquals(List.of(md5(v1), md5(v1)), proxy.received().stream().map(r -> r.headers().get("If-Match")).toList());
        assertEquals(0, s.stats().retries());
        assertEquals(2, s.stats().requests(), "the pinned view counts in its source's stats");
        assertEquals(1000, s.read(ByteRange.of(0, 1000)).block(S3TestSupport.TIMEOUT).length(), "the source itself is not pinned");
    }
}
