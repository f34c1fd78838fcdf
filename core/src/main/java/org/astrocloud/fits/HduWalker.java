package org.astrocloud.fits;

import org.astrocloud.fits.internal.FormatErrors;
import org.astrocloud.fits.error.AstroCloudException;
import java.net.URI;
import java.nio.ByteBuffer;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import reactor.core.publisher.Mono;

/**
 * The state machine that walks one file from header to header.
 *
 * <p>States: need the header at {@code offset} -> have bytes, looking for END (read more,
 * growing geometrically, when END is not in the buffer) -> header complete: compute the data
 * extent and emit -> next offset = data offset + padded data size -> end of file (known size
 * reached, or bytes that do not start an extension).
 *
 * <p>Not thread-safe: {@link #next()} is called again only after the previous call's
 * {@code Mono} has terminated, which the operator driving it ({@code concatMap}) guarantees.
 */
final class HduWalker {
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    private final ByteRangeSource source;
    private final URI uri;
    private final WalkSettings settings;
    private final WalkReport report;

    private long size = -1;
    private long offset;
    private int index;
    private long previousDataEnd;
    private byte[] buf = new byte[0];
    private long bufStart;
    private int scannedCards;
    private boolean finished;

    HduWalker(ByteRangeSource source, URI uri, WalkSettings settings, WalkReport report) {
        this.source = source;
        this.uri = uri;
        this.settings = settings;
        this.report = report;
    }

    /** Whether the walk has ended (cleanly or not): no further {@link #next()} is needed. */
    boolean finished() {
        return finished;
    }

    /**
     * Reads the next header: emits it, or completes empty at the end of the file, or fails with
     * an {@link AstroCloudException}; after an error or the end, {@link #finished()} is true.
     */
    Mono<FitsHeader> next() {
        if (finished) {
            return Mono.empty();
        }
        return Mono.defer(this::step)
                .doOnError(e -> finished = true)
                .onErrorMap(AstroCloudException.class, e -> e.atHdu(index));
    }

    private Mono<FitsHeader> step() {
        if (size >= 0 && offset >= size) {
            return endAtSize();
        }
        int avail = available();
        boolean eof = size >= 0 && offset + avail >= size;
        if (avail < FitsBlocks.CARD_SIZE && !eof) {
            return fill(FitsBlocks.CARD_SIZE).then(Mono.defer(this::step));
        }
        int at = (int) (offset - bufStart);
        if (index == 0) {
            if (startsWith(at, avail, GZIP_MAGIC)) {
                throw new GzipDetected();
            }
            if (avail < FitsBlocks.CARD_SIZE || !HeaderBuilder.isSimple(buf, at)) {
                throw FormatErrors.notFits("not a FITS file: the first card is not SIMPLE", uri, 0, 0);
            }
        } else if (avail < FitsBlocks.CARD_SIZE || !HeaderBuilder.isXtension(buf, at)) {
            return endWithTrailingBytes(avail);
        }
        return findEnd(at, avail, eof);
    }

    private Mono<FitsHeader> findEnd(int at, int avail, boolean eof) {
        int whole = avail / FitsBlocks.CARD_SIZE;
        for (int c = scannedCards; c < whole; c++) {
            if (HeaderBuilder.isEnd(buf, at + c * FitsBlocks.CARD_SIZE)) {
                long headerSize = FitsBlocks.padded((c + 1L) * FitsBlocks.CARD_SIZE);
                if (headerSize > settings.maxHeaderSize()) {
                    throw tooLarge();
                }
                if (avail >= headerSize) {
                    return Mono.just(emit(at, c, (int) headerSize));
                }
                if (eof) {
                    throw FormatErrors.truncatedHeader("the header's last block is cut short by the end of the file at "
                            + size, uri, index, offset);
                }
                scannedCards = c;
                return fill(headerSize).then(Mono.defer(this::step));
            }
        }
        scannedCards = whole;
        if (eof) {
            if (avail % FitsBlocks.BLOCK_SIZE != 0) {
                throw FormatErrors.truncatedHeader("the header is cut short by the end of the file at " + size
                        + " without an END card", uri, index, offset);
            }
            throw FormatErrors.missingEnd("the header has no END card before the end of the file at " + size,
                    uri, index, offset);
        }
        if (avail >= settings.maxHeaderSize()) {
            throw tooLarge();
        }
        long want = Math.min(settings.maxHeaderSize(), Math.max(2L * avail, (long) avail + settings.readAhead()));
        return fill(want).then(Mono.defer(this::step));
    }

    private RuntimeException tooLarge() {
        return FormatErrors.headerTooLarge("no END card within the maximum header size of "
                + settings.maxHeaderSize() + " bytes", uri, index, offset);
    }

    private FitsHeader emit(int at, int endCard, int headerSize) {
        byte[] bytes = java.util.Arrays.copyOfRange(buf, at, at + headerSize);
        FitsHeader header = HeaderBuilder.build(bytes, endCard, uri, index, offset, settings);
        previousDataEnd = header.dataOffset() + header.dataSize();
        offset = header.nextOffset();
        index++;
        scannedCards = 0;
        return header;
    }

    private Mono<FitsHeader> endAtSize() {
        if (index == 0) {
            throw FormatErrors.emptyFile("the file is empty", uri, 0, 0);
        }
        finished = true;
        if (previousDataEnd > size) {
            int last = index - 1;
            throw FormatErrors.truncatedFile("the data unit of HDU " + last + " ends at " + previousDataEnd
                    + " but the file ends at " + size, uri, last, size);
        }
        report.trailingBytes(0);
        return Mono.empty();
    }

    private Mono<FitsHeader> endWithTrailingBytes(int avail) {
        finished = true;
        report.trailingBytes(size >= 0 ? size - offset : avail);
        return Mono.empty();
    }

    /** Bytes buffered from {@code offset} on. */
    private int available() {
        long end = bufStart + buf.length;
        return offset >= bufStart && offset <= end ? (int) (end - offset) : 0;
    }

    /** Reads so that the buffer holds {@code need} bytes from {@code offset}, or all up to the end. */
    private Mono<Void> fill(long need) {
        int avail = available();
        long from = offset + avail;
        long length = Math.max(need - avail, settings.readAhead());
        if (size >= 0) {
            length = Math.min(length, size - from);
        }
        if (length <= 0) {
            return Mono.error(new IllegalStateException("nothing left to read at " + from));
        }
        long requested = length;
        return source.read(ByteRange.of(from, length)).doOnNext(r -> append(r, from, requested, avail)).then();
    }

    private void append(RangeBytes r, long from, long requested, int kept) {
        ByteBuffer got = r.bytes();
        int n = got.remaining();
        if (r.objectSize().isPresent()) {
            size = r.objectSize().getAsLong();
        } else if (n < requested) {
            size = from + n;
        }
        if (size >= 0) {
            report.size(size);
        }
        if (kept == 0 && got.hasArray() && got.arrayOffset() == 0 && got.position() == 0 && got.array().length == n) {
            buf = got.array();   // the source's own array, whole: no copy (sources hand over their buffers)
            bufStart = offset;
            return;
        }
        byte[] merged = new byte[kept + n];
        if (kept > 0) {
            System.arraycopy(buf, (int) (offset - bufStart), merged, 0, kept);
        }
        got.get(merged, kept, n);
        buf = merged;
        bufStart = offset;
    }

    private boolean startsWith(int at, int avail, byte[] prefix) {
        if (avail < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Signals that the object is gzip-compressed: the scanner switches to the streaming walk. */
    static final class GzipDetected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GzipDetected() {
            super("gzip", null, false, false);
        }
    }
}
