package org.astrocloud.fits.fuzz;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ForwardingByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An in-memory source whose behaviour a fuzz input chooses: whether answers tell the object's size,
 * and the sizes of the chunks a stream arrives in (drawn from a seeded {@link Random}, 1 to
 * {@code maxChunk} bytes, as a streamed body arrives in pieces of any size).
 */
final class FuzzSource extends ForwardingByteRangeSource {
    private final byte[] bytes;
    private final boolean knownSize;
    private final long chunkSeed;
    private final int maxChunk;

    FuzzSource(byte[] bytes, boolean knownSize, long chunkSeed, int maxChunk) {
        super(MemoryByteRangeSource.of(URI.create("mem:/fuzz.fits"), bytes));
        this.bytes = bytes;
        this.knownSize = knownSize;
        this.chunkSeed = chunkSeed;
        this.maxChunk = maxChunk;
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return knownSize ? super.read(range) : super.read(range).map(r -> RangeBytes.ofUnknownSize(r.offset(), r.bytes()));
    }

    @Override
    public Flux<ByteBuffer> stream(long offset, int chunkSize) {
        return Flux.defer(() -> {
            Random sizes = new Random(chunkSeed);
            List<ByteBuffer> chunks = new ArrayList<>();
            int at = (int) Math.min(offset, bytes.length);
            while (at < bytes.length) {
                int n = Math.min(1 + sizes.nextInt(maxChunk), bytes.length - at);
                chunks.add(ByteBuffer.wrap(Arrays.copyOfRange(bytes, at, at + n)));
                at += n;
            }
            return Flux.fromIterable(chunks);
        });
    }
}
