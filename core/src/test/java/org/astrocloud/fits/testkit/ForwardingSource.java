package org.astrocloud.fits.testkit;

import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ForwardingByteRangeSource;

/** A source that hands every call to another one; tests override what they want to observe or change. */
public class ForwardingSource extends ForwardingByteRangeSource {

    /** Forwards to {@code delegate}. */
    public ForwardingSource(ByteRangeSource delegate) {
        super(delegate);
    }
}
