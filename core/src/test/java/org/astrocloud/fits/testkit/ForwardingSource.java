package org.astrocloud.fits.testkit;

import java.nio.ByteBuffer;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ForwardingByteRangeSource;
import reactor.core.publisher.Flux;

/**
 * A source that hands every call to another one; tests override what they want to observe or
 * change. Its stream goes chunk by chunk through {@link #read}, so that what a test does to reads
 * applies to streams too.
 */
public class ForwardingSource extends ForwardingByteRangeSource {

    /** Forwards to {@code delegate}. */
    public ForwardingSource(ByteRangeSource delegate) {
        super(delegate);
    }

    @Override
    public Flux<ByteBuffer> stream(long offset, int chunkSize) {
        return ByteRangeSource.inChunks(this, offset, chunkSize);
    }
}
