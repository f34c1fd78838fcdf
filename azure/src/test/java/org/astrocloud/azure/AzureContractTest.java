package org.astrocloud.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import java.net.URI;
import java.nio.file.Path;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The source contract against Azurite, blobs uploaded with the SDK and read with Shared Key over Reactor Netty. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureContractTest implements ByteRangeSourceContract {
    @TempDir
    static Path dir;
    private Azurite azurite;
    private BlobContainerClient container;
    private SourceOptions options;

    @BeforeAll
    void start() {
        azurite = Azurite.start(dir);
        container = azurite.container("contract");
        options = SourceOptions.empty()
                .with(AzureOptions.ENDPOINT, azurite.endpoint())
                .with(AzureOptions.ACCOUNT, Azurite.ACCOUNT)
                .with(AzureOptions.ACCOUNT_KEY, Azurite.KEY);
    }

    @AfterAll
    void stop() {
        ByteRangeSources.installed().close();
        if (azurite != null) {
            azurite.close();
        }
    }

    /**
     * Azurite 3.35 answers a range that starts past the end with {@code 206} and
     * {@code Content-Range: bytes 10000-9999/10000} where Azure answers {@code 416 InvalidRange}: the
     * http module refuses that answer (a permanent error, never a misread). Checked here as such.
     */
    @Override
    @Test
    public void readPastTheEndShouldBeEmptyNotAnError() {
        byte[] all = new byte[10_000];
        ByteRangeSource s = sourceFor("past.bin", all);
        assertThrows(PermanentSourceException.class, () -> s.read(ByteRange.of(10_000, 100)).block(timeout()));
    }

    /** The same Azurite deviation as {@link #readPastTheEndShouldBeEmptyNotAnError}, for a streamed range. */
    @Override
    @Test
    public void streamOfARangePastTheEndShouldBeEmpty() {
        ByteRangeSource s = sourceFor("range-stream-past.bin", new byte[10_000]);
        assertThrows(PermanentSourceException.class,
                () -> s.stream(ByteRange.of(10_000, 100)).blockLast(timeout()));
    }

    @Override
    public ByteRangeSource sourceFor(String name, byte[] content) {
        container.getBlobClient(name).upload(BinaryData.fromBytes(content), true);
        return ByteRangeSources.open(URI.create("az://contract/" + name), options);
    }
}
