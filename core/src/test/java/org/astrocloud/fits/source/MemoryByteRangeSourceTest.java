package org.astrocloud.fits.source;

import java.net.URI;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.testkit.ByteRangeSourceContract;

class MemoryByteRangeSourceTest implements ByteRangeSourceContract {

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) {
        return MemoryByteRangeSource.of(URI.create("mem:/" + name), content);
    }
}
