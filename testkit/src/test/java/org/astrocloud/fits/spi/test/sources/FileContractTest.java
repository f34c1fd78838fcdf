package org.astrocloud.fits.spi.test.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source contract against core's {@code file:} source, opened through the installed providers
 * as a user's scan opens it.
 */
class FileContractTest implements ByteRangeSourceContract {
    @TempDir
    Path dir;

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) throws Exception {
        Path file = Files.write(dir.resolve(name), content);
        return ByteRangeSources.open(file.toUri(), SourceOptions.empty());
    }
}
