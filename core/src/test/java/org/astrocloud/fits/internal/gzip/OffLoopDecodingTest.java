package org.astrocloud.fits.internal.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Gzip decoding leaves the thread that delivers the compressed bytes, in bounded steps, and releases its inflater once. */
class OffLoopDecodingTest {
    private static final URI URI_ = URI.create("mem:/x.gz");

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    @Test
    void chunksShouldBeCutIntoSlicesOfAtMost16KiB() {
        ByteBuffer chunk = ByteBuffer.allocate(50_000).position(1_000);
        List<ByteBuffer> slices = OffLoopDecoding.slices(chunk);
        // 49,000 bytes from offset 1,000: 16,384 + 16,384 + 16,232
        assertEquals(List.of(16_384, 16_384, 16_232), slices.stream().map(ByteBuffer::remaining).toList());
        assertEquals(List.of(1_000, 17_384, 33_768), slices.stream().map(ByteBuffer::position).toList());
        assertEquals(1_000, chunk.position(), "the chunk itself is not moved");
    }

    @Test
    void decodingShouldRunOnTheParallelSchedulerNotOnTheDeliveringThreadAndGiveTheBytes() throws IOException {
        byte[] plain = new byte[3_000_000];
        new Random(7).nextBytes(plain);
        byte[] gz = gzip(plain);
        Scheduler io = Schedulers.newSingle("pretend-event-loop");
        Set<String> decodingThreads = ConcurrentHashMap.newKeySet();
        GzipDecoder decoder = new GzipDecoder(URI_);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Flux<ByteBuffer> compressed = Flux.range(0, (gz.length + 262_143) / 262_144)
                    .map(i -> ByteBuffer.wrap(gz, i * 262_144, Math.min(262_144, gz.length - i * 262_144)).slice())
                    .subscribeOn(io);
            long steps = OffLoopDecoding.<Integer>decoded(compressed, decoder, slice -> {
                        decodingThreads.add(Thread.currentThread().getName());
                        decoder.decode(slice, b -> out.write(b.array(), b.arrayOffset() + b.position(), b.remaining()));
                        return List.of(1);
                    }, () -> {
                        decoder.finish();
                        return List.of();
                    })
                    .count().block(Duration.ofSeconds(30));
            assertEquals((gz.length + 16_383) / 16_384, steps, "one step per 16 KiB slice");
        } finally {
            io.dispose();
        }
        assertArrayEquals(plain, out.toByteArray());
        assertTrue(decodingThreads.stream().allMatch(t -> t.startsWith("parallel-")), decodingThreads.toString());
    }

    @Test
    void releaseDuringADecodeShouldEndTheInflaterAfterItAndLaterDecodesShouldDoNothing() throws IOException {
        byte[] plain = new byte[1_000_000];
        byte[] gz = gzip(plain);
        GzipDecoder decoder = new GzipDecoder(URI_);
        long[] delivered = {0};
        decoder.decode(ByteBuffer.wrap(gz, 0, gz.length / 2), b -> {
            delivered[0] += b.remaining();
            decoder.release();   // as a cancel from another thread would, while inflating
        });
        long before = delivered[0];
        decoder.decode(ByteBuffer.wrap(gz, gz.length / 2, gz.length - gz.length / 2), b -> delivered[0] += b.remaining());
        assertEquals(before, delivered[0], "nothing is decoded after the release");
        decoder.release();   // harmless twice
    }
}
