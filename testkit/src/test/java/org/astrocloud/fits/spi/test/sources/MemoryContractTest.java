package org.astrocloud.fits.spi.test.sources;

import java.net.URI;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;

/** The source contract against core's in-memory source. */
class MemoryContractTest implements ByteRangeSourceContract {

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) {
        return MemoryByteRangeSource.of(URI.create("mem:/" + name), content);
    }
}
