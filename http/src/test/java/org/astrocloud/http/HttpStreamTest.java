package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

/**
 * Streams against a server that makes its body as the socket takes it and counts what it made:
 * {@code /big} (and {@code /cancel}, whose connections are counted) is a 1 GiB object answered with 206 to any range, {@code /whole} a small object
 * answered with 200 whatever the range. Byte {@code p} of either is {@code p % 251}.
 */
class HttpStreamTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long BIG = 1L << 30;
    private static final int CHUNK = 64 * 1024;
    private static final String ETAG = "\"big-1\"";
    private static final String WHOLE_ETAG = "W/\"whole-1\"";
    private static final int WHOLE = 10_000;
    /** Enough of the pattern for any chunk at any phase. */
    private static final byte[] PATTERN = new byte[CHUNK + 251];

    static DisposableServer server;
    static final AtomicLong made = new AtomicLong();
    /** Open connections that served {@code /cancel}. */
    static final AtomicInteger open = new AtomicInteger();

    @BeforeAll
    static void start() {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) (i % 251);
        }
        server = HttpServer.create().host("127.0.0.1").port(0).handle(HttpStreamTest::serve).bindNow();
    }

    @AfterAll
    static void stop() {
        server.disposeNow();
    }

    private static reactor.core.publisher.Mono<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        if (req.path().equals("whole")) {
            return res.header(HttpHeaderNames.ETAG, WHOLE_ETAG).header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(WHOLE))
                    .send(body(0, WHOLE)).then();
        }
        if (req.path().equals("cancel")) {
            res.withConnection(c -> {
                open.incrementAndGet();
                c.channel().closeFuture().addListener(closed -> open.decrementAndGet());
            });
        }
        String range = req.requestHeaders().get(HttpHeaderNames.RANGE);
        long first = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
        long last = Math.min(BIG - 1, Long.parseLong(range.substring(range.indexOf('-') + 1)));
        return res.status(206).header(HttpHeaderNames.ETAG, ETAG)
                .header(HttpHeaderNames.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + BIG)
                .header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(last - first + 1))
                .send(body(first, last + 1)).then();
    }

    /** Bytes {@code from} to {@code to} of the pattern, each chunk made (and counted) only when the server asks for it. */
    private static Flux<ByteBuf> body(long from, long to) {
        return Flux.<ByteBuf, Long>generate(() -> from, (at, sink) -> {
            int n = (int) Math.min(CHUNK, to - at);
            made.addAndGet(n);
            sink.next(Unpooled.wrappedBuffer(PATTERN, (int) (at % 251), n));
            if (at + n >= to) {
                sink.complete();
            }
            return at + n;
        });
    }

    private static ByteRangeSource open(String path) {
        return ByteRangeSources.open(URI.create("http://127.0.0.1:" + server.port() + "/" + path), SourceOptions.empty());
    }

    private static void assertPattern(RangeBytes r) {
        ByteBuffer b = r.bytes().duplicate();
        for (long p = r.offset(); b.hasRemaining(); p++) {
            assertEquals((byte) (p % 251), b.get(), "byte " + p);
        }
    }

    @Test
    void streamShouldNotRunAheadOfDemandAndCancelShouldCloseTheConnection() throws Exception {
        ByteRangeSource s = open("cancel");
        long before = made.get();
        long[] made = new long[2];
        StepVerifier.create(s.stream(ByteRange.of(0, BIG)), 0)
                .thenRequest(1)
                .assertNext(r -> {
                    assertEquals(0, r.offset());
                    assertEquals(Optional.of(ETAG), r.validator());
                    assertEquals(BIG, r.objectSize().getAsLong());
                    assertPattern(r);
                })
                .thenAwait(Duration.ofMillis(700))   // the socket buffers fill
                .then(() -> made[0] = HttpStreamTest.made.get() - before)
                .thenAwait(Duration.ofSeconds(1))    // and then nothing moves
                .then(() -> made[1] = HttpStreamTest.made.get() - before)
                .thenRequest(100)
                .expectNextCount(100)
                .thenCancel()
                .verify(TIMEOUT);
        assertTrue(made[1] - made[0] < 1 << 20, "bytes the server made in a second without demand: " + (made[1] - made[0]));
        // socket buffers (up to 32 MiB here) and the server's send prefetch; without backpressure 1 GiB
        assertTrue(made[1] < 96L << 20, "bytes the server made while one answer was wanted: " + made[1]);
        assertTrue(s.stats().bytesRead() < 16L << 20, "bytes the source received: " + s.stats().bytesRead());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (open.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, open.get(), "connections open after the cancel");
        Thread.sleep(200);
        long afterCancel = HttpStreamTest.made.get() - before;
        assertTrue(afterCancel < 128L << 20, "bytes the server made in all: " + afterCancel + " of " + BIG);
        System.out.println("stream of 1 GiB: the server made " + made[1] + " bytes for one answer, "
                + afterCancel + " in all; the source received " + s.stats().bytesRead());
    }

    @Test
    void streamShouldDeliverExactBytesAtConsecutiveOffsets() {
        ByteRangeSource s = open("big");
        List<RangeBytes> answers = s.stream(ByteRange.of(123_457, 3_000_000)).collectList().block(TIMEOUT);
        long next = 123_457;
        for (RangeBytes r : answers) {
            assertEquals(next, r.offset());
            assertPattern(r);
            next += r.length();
        }
        assertEquals(123_457 + 3_000_000, next);
        assertEquals(1, s.stats().requests());
        assertEquals(3_000_000, s.stats().bytesRead());
    }

    @Test
    void wholeSmallObjectShouldBeSlicedWithItsEtagForReadsAndStreams() {
        ByteRangeSource s = open("whole");
        RangeBytes read = s.read(ByteRange.of(100, 50)).block(TIMEOUT);
        assertEquals(100, read.offset());
        assertEquals(50, read.length());
        assertPattern(read);
        assertEquals(Optional.of(WHOLE_ETAG), read.validator());
        assertEquals(WHOLE, read.objectSize().getAsLong());

        List<RangeBytes> streamed = s.stream(ByteRange.of(9_000, 5_000)).collectList().block(TIMEOUT);
        assertEquals(1, streamed.size());
        assertEquals(1_000, streamed.get(0).length());
        assertPattern(streamed.get(0));
        assertEquals(Optional.of(WHOLE_ETAG), streamed.get(0).validator());
        assertEquals(1, s.stats().requests(), "the object is fetched once and kept");

        ByteRangeSource fresh = open("whole");
        List<RangeBytes> first = fresh.stream(ByteRange.of(9_000, 5_000)).collectList().block(TIMEOUT);
        assertEquals(1_000, first.get(0).length());
        assertPattern(first.get(0));
        assertEquals(Optional.of(WHOLE_ETAG), first.get(0).validator());
    }
}
