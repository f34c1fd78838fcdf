package org.astrocloud.fits;

import java.time.Duration;
import java.util.Objects;
import org.astrocloud.fits.internal.FitsBlocks;
import org.astrocloud.fits.spi.SourceOption;
import org.astrocloud.fits.spi.SourceOptions;

/**
 * Everything a {@link FitsScanner} is set to, in one immutable value: every {@code with...}
 * returns a copy. Checked when made: a read-ahead and a header cap of at least one block, a
 * concurrency of at least 1.
 *
 * <pre>{@code
 * ScanSettings settings = ScanSettings.defaults().withReadAhead(128 * 1024).withConcurrency(16);
 * FitsScanner scanner = FitsScanner.create(settings);
 * }</pre>
 *
 * @param readAhead bytes read at once when a header is not yet buffered
 * @param maxHeaderSize the largest header accepted
 * @param concurrency files scanned at once by {@link FitsScanner#scanAll}
 * @param rootMap the URI rewrites applied before a source is opened
 * @param transform applied to every header on its way out
 * @param options passed to the sources
 * @param fileTimeout the longest one file's scan by {@link FitsScanner#scanFile} (and so {@link FitsScanner#scanAll})
 *                    may take, over all its reads and retries
 * @param scanTimeout the longest a whole {@link FitsScanner#scanAll} may take, or {@code null} for no limit
 */
public record ScanSettings(int readAhead, int maxHeaderSize, int concurrency, RootMap rootMap, HeaderTransform transform,
                           SourceOptions options, Duration fileTimeout, Duration scanTimeout) {
    /** The default first read: 64 KiB, enough for the primary and first extension headers of most files. */
    public static final int DEFAULT_READ_AHEAD = 64 * 1024;
    /** The default largest header: 8 MiB. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 8 * 1024 * 1024;
    /** The default number of files scanned at once. */
    public static final int DEFAULT_CONCURRENCY = 64;
    /**
     * The default per-file deadline: 60 s, so that a server that drips bytes holds a slot for a
     * minute, not for the request time-out times the attempts (a ranged walk takes two or three
     * reads; a large gzip file, downloaded whole, may need more).
     */
    public static final Duration DEFAULT_FILE_TIMEOUT = Duration.ofSeconds(60);

    /** Checks the settings. */
    public ScanSettings {
        if (readAhead < FitsBlocks.BLOCK_SIZE) {
            throw new IllegalArgumentException("read-ahead must be at least 2880 bytes: " + readAhead);
        }
        if (maxHeaderSize < FitsBlocks.BLOCK_SIZE) {
            throw new IllegalArgumentException("the maximum header size must be at least 2880 bytes: " + maxHeaderSize);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        Objects.requireNonNull(rootMap, "rootMap");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(options, "options");
        if (fileTimeout.isNegative() || fileTimeout.isZero()) {
            throw new IllegalArgumentException("the file time-out must be positive: " + fileTimeout);
        }
        if (scanTimeout != null && (scanTimeout.isNegative() || scanTimeout.isZero())) {
            throw new IllegalArgumentException("the scan time-out must be positive: " + scanTimeout);
        }
    }

    /** The defaults: 64 KiB read-ahead, 8 MiB header cap, 64 files at once, no root map, no transform, no options, 60 s per file, no scan deadline. */
    public static ScanSettings defaults() {
        return new ScanSettings(DEFAULT_READ_AHEAD, DEFAULT_MAX_HEADER_SIZE, DEFAULT_CONCURRENCY, RootMap.empty(),
                HeaderTransform.identity(), SourceOptions.empty(), DEFAULT_FILE_TIMEOUT, null);
    }

    /** A copy with this read-ahead. */
    public ScanSettings withReadAhead(int bytes) {
        return new ScanSettings(bytes, maxHeaderSize, concurrency, rootMap, transform, options, fileTimeout, scanTimeout);
    }

    /** A copy with this header cap. */
    public ScanSettings withMaxHeaderSize(int bytes) {
        return new ScanSettings(readAhead, bytes, concurrency, rootMap, transform, options, fileTimeout, scanTimeout);
    }

    /** A copy with this concurrency. */
    public ScanSettings withConcurrency(int files) {
        return new ScanSettings(readAhead, maxHeaderSize, files, rootMap, transform, options, fileTimeout, scanTimeout);
    }

    /** A copy with this root map. */
    public ScanSettings withRootMap(RootMap map) {
        return new ScanSettings(readAhead, maxHeaderSize, concurrency, map, transform, options, fileTimeout, scanTimeout);
    }

    /** A copy with this transform in place of the current one. */
    public ScanSettings withTransform(HeaderTransform value) {
        return new ScanSettings(readAhead, maxHeaderSize, concurrency, rootMap, value, options, fileTimeout, scanTimeout);
    }

    /** A copy with {@code option} = {@code value} among the source options. */
    public <T> ScanSettings withOption(SourceOption<T> option, T value) {
        return new ScanSettings(readAhead, maxHeaderSize, concurrency, rootMap, transform, options.with(option, value),
                fileTimeout, scanTimeout);
    }

    /** A copy with this per-file deadline. */
    public ScanSettings withFileTimeout(Duration value) {
        return new ScanSettings(readAhead, maxHeaderSize, concurrency, rootMap, transform, options, value, scanTimeout);
    }

    /** A copy with this deadline for a whole {@code scanAll}, or none ({@code null}). */
    public ScanSettings withScanTimeout(Duration value) {
        return new ScanSettings(readAhead, maxHeaderSize, concurrency, rootMap, transform, options, fileTimeout, value);
    }

    /** The options as handed to every source: {@link #options} with the concurrency filled in. */
    SourceOptions sourceOptions() {
        return options.has(SourceOptions.CONCURRENCY) ? options : options.with(SourceOptions.CONCURRENCY, concurrency);
    }
}
