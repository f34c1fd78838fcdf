package org.astrocloud.fits.internal.walk;

import java.net.URI;
import java.nio.ByteBuffer;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.ObjectChangedException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.internal.FormatErrors;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The walk over one object, from header to header, with ranged reads: the state machine of the
 * scanner. {@link #walk} drives it, one header per request of the subscriber.
 *
 * <pre>
 *   AT_HEADER --(bytes buffered or read)--> READING_HEADER --(END and last block)--> emit header
 *       ^                                      |   \--(not XTENSION / input ends)--> DONE (trailing bytes, or a format error)
 *       |                                      \--(first bytes are gzip)--> GZIP: the streaming walk takes over
 *       \-------- next offset = data offset + padded data size; at the known size --> DONE
 * </pre>
 *
 * <p>It reads ahead ({@link WalkSettings#readAhead()}) and keeps what it read beyond a header, so
 * a TESS cube costs two reads; a header that does not end in what was read grows the next read
 * geometrically. Not thread-safe: {@link #next()} is called again only after the previous call's
 * {@code Mono} has terminated, which the driver ({@code concatMap}) guarantees.
 */
public final class HduWalker {
    /** Where the walk stands. */
    enum State {
        /** A header is expected at {@code offset}. */
        AT_HEADER,
        /** The header at {@code offset} is being assembled. */
        READING_HEADER,
        /** The object is gzip-compressed: the streaming walk takes over. */
        GZIP,
        /** The walk has ended, cleanly or with an error. */
        DONE
    }

    /** The source; pinned to the object's ETag once the first answer gave one. */
    private ByteRangeSource source;
    private final URI uri;
    private final WalkSettings settings;
    private final WalkReport report;
    private final HeaderAssembler assembler;

    private State state = State.AT_HEADER;
    private long size = -1;
    private long offset;
    private int index;
    private long previousDataEnd;
    private byte[] buf = new byte[0];
    private long bufStart;
    /** The end of the furthest bytes the source has sent. */
    private long seenEnd;
    /** For an object of unknown size: an offset at which the source had no bytes, the object ending at or before it; else -1. */
    private long exhaustedAt = -1;
    /** The object's validator (ETag) as the first answer gave it, or null. */
    private String validator;

    private HduWalker(ByteRangeSource source, WalkSettings settings, WalkReport report) {
        this.source = source;
        this.uri = source.uri();
        this.settings = settings;
        this.report = report;
        this.assembler = new HeaderAssembler(uri, settings.maxHeaderSize(), null, "file");
    }

    /**
     * The headers of the object {@code source} reads, in order, each read only when the
     * subscriber asks for it; a gzip-compressed object is walked by {@link GzipWalk}. Errors
     * (format errors and the source's) come after every header before the fault.
     */
    public static Flux<HeaderUnit> walk(ByteRangeSource source, WalkSettings settings, WalkReport report) {
        return Flux.defer(() -> {
            HduWalker walker = new HduWalker(source, settings, report);
            return Flux.<Integer>generate(sink -> {
                        if (walker.state == State.DONE || walker.state == State.GZIP) {
                            sink.complete();
                        } else {
                            sink.next(0);
                        }
                    })
                    .concatMap(tick -> onDemand(walker::next), 0)
                    .concatWith(Flux.defer(() -> walker.state == State.GZIP
                            ? GzipWalk.walk(source, settings, report) : Flux.empty()));
        });
    }

    /** Defers {@code work} until the subscriber requests, not merely subscribes. */
    private static <T> Mono<T> onDemand(java.util.function.Supplier<Mono<T>> work) {
        return Mono.<Boolean>create(sink -> sink.onRequest(n -> sink.success(Boolean.TRUE)))
                .flatMap(go -> work.get());
    }

    /** The next header, or empty when the walk has ended (or handed over to the gzip walk). */
    Mono<HeaderUnit> next() {
        return Mono.defer(this::advance)
                .doOnError(e -> state = State.DONE)
                .onErrorMap(AstroCloudException.class, e -> e.atHdu(index));
    }

    private Mono<HeaderUnit> advance() {
        return switch (state) {
            case AT_HEADER -> atHeader();
            case READING_HEADER -> readingHeader();
            case GZIP, DONE -> Mono.empty();
        };
    }

    private Mono<HeaderUnit> atHeader() {
        if (size >= 0 && offset >= size) {
            return endAtSize();
        }
        if (size < 0 && exhaustedAt >= 0 && offset >= exhaustedAt) {
            return endBeforeUnknownSize();
        }
        if (available() == 0 && !atEndOfObject(offset)) {
            return fill(offset).then(Mono.defer(this::atHeader));
        }
        if (index == 0 && isGzip()) {
            state = State.GZIP;
            return Mono.empty();
        }
        assembler.begin(index, offset);
        state = State.READING_HEADER;
        return readingHeader();
    }

    private Mono<HeaderUnit> readingHeader() {
        feedBuffered();
        switch (assembler.progress()) {
            case COMPLETE -> {
                return Mono.just(emit());
            }
            case NOT_A_HEADER -> {
                return endWithTrailingBytes();
            }
            default -> {
                long next = offset + assembler.held();
                if (atEndOfObject(next)) {
                    RuntimeException error = assembler.endedAt(size);
                    if (error != null) {
                        throw error;
                    }
                    return endWithTrailingBytes();
                }
                return fill(next).then(Mono.defer(this::readingHeader));
            }
        }
    }

    /** Hands the buffered bytes from where the header stands to the assembler. */
    private void feedBuffered() {
        long from = offset + assembler.held();
        long end = bufStart + buf.length;
        if (from >= bufStart && from < end) {
            assembler.accept(buf, (int) (from - bufStart), (int) (end - from));
        }
    }

    private HeaderUnit emit() {
        HeaderUnit header = assembler.header().withValidator(validator);
        previousDataEnd = header.dataEnd();
        offset = header.nextOffset();
        index++;
        state = State.AT_HEADER;
        return header;
    }

    private Mono<HeaderUnit> endAtSize() {
        state = State.DONE;
        if (index == 0) {
            throw FormatErrors.emptyFile("the file is empty", uri, 0, 0);
        }
        if (previousDataEnd > size) {
            int last = index - 1;
            throw FormatErrors.truncatedFile("the data unit of HDU " + last + " ends at " + previousDataEnd
                    + " but the file ends at " + size, uri, last, size);
        }
        report.trailingBytes(0);
        return Mono.empty();
    }

    /**
     * The source has no bytes where the next header would start but never said how large the object
     * is: the object ends somewhere between the last byte it sent and here. A size is never made up
     * from that: when the last data unit ends beyond the last byte seen, one byte (its last) is read
     * to tell a complete data unit (the walk ends cleanly) from a cut one ({@code TruncatedFileException}).
     */
    private Mono<HeaderUnit> endBeforeUnknownSize() {
        state = State.DONE;
        int last = index - 1;
        if (previousDataEnd <= seenEnd) {
            report.trailingBytes(0);
            return Mono.empty();
        }
        long probe = previousDataEnd - 1;
        return source.read(ByteRange.of(probe, 1)).flatMap(r -> {
            if (r.length() > 0) {
                report.trailingBytes(0);
                return Mono.<HeaderUnit>empty();
            }
            return Mono.error(FormatErrors.truncatedFile("the data unit of HDU " + last + " ends at " + previousDataEnd
                    + " but the object ends before it (the source did not give its size; it has no byte at " + probe
                    + ")", uri, last, probe));
        });
    }

    private Mono<HeaderUnit> endWithTrailingBytes() {
        state = State.DONE;
        report.trailingBytes(size >= 0 ? size - offset : assembler.held());
        return Mono.empty();
    }

    private boolean atEndOfObject(long position) {
        return size >= 0 ? position >= size : exhaustedAt >= 0 && position >= exhaustedAt;
    }

    private PermanentSourceException inconsistent(String detail, long at) {
        return new PermanentSourceException("the source contradicts itself: " + detail, uri, at);
    }

    /** Bytes buffered from {@code offset} on. */
    private int available() {
        long end = bufStart + buf.length;
        return offset >= bufStart && offset <= end ? (int) (end - offset) : 0;
    }

    private boolean isGzip() {
        int at = (int) (offset - bufStart);
        return available() >= 2 && buf[at] == 0x1f && buf[at + 1] == (byte) 0x8b;
    }

    /**
     * Reads from {@code from} on: at a header's start the planned length if there is one, else the
     * read-ahead; inside a header what it is known to need, at least the read-ahead, and at least as
     * much again as the header has so far (geometric growth); clipped to the size.
     */
    private Mono<Void> fill(long from) {
        Long planned = state == State.AT_HEADER ? settings.plannedReads().get(from) : null;
        long length = state == State.READING_HEADER
                ? Math.max(settings.readAhead(), Math.max(assembler.wanted(), assembler.held()))
                : planned != null ? planned : settings.readAhead();
        if (size >= 0) {
            length = Math.min(length, size - from);
        }
        long requested = length;
        return source.read(ByteRange.of(from, length)).doOnNext(r -> append(r, from, requested)).then();
    }

    /**
     * Keeps the bytes just read as the buffer (everything before {@code from} has been consumed) and
     * learns the object's size, refusing answers that contradict it: a size that changes, bytes
     * beyond a size, or fewer bytes than asked for where the object has them (a read that adds
     * nothing would otherwise be asked again forever).
     */
    private void append(RangeBytes r, long from, long requested) {
        ByteBuffer got = r.bytes();
        int n = got.remaining();
        long end = from + n;
        if (r.objectSize().isPresent()) {
            long given = r.objectSize().getAsLong();
            if (size >= 0 && given != size) {
                throw inconsistent("the object's size changed during the walk, from " + size + " to " + given + " bytes",
                        from);
            }
            if (given < seenEnd) {
                throw inconsistent("the object is said to be " + given + " bytes after bytes up to " + seenEnd
                        + " were sent", from);
            }
            size = given;
        }
        if (r.validator().isPresent()) {
            String given = r.validator().get();
            if (validator != null && !validator.equals(given)) {
                throw new ObjectChangedException("the object changed during the walk: its ETag went from " + validator
                        + " to " + given, uri, from);
            }
            if (validator == null) {
                validator = given;
                source = source.pinned(given);   // later reads carry If-Match where the source can send it
            }
        }
        if (size >= 0) {
            if (n < Math.min(requested, size - from)) {
                throw inconsistent("the source sent " + n + " of the " + Math.min(requested, size - from)
                        + " bytes asked for at " + from + " of an object of " + size + " bytes", from);
            }
        } else if (n == 0) {
            if (from == seenEnd) {
                size = from;   // bytes up to here were sent, none here: the object's exact size
            } else {
                exhaustedAt = from;
            }
        } else if (n < requested) {
            size = end;   // a short answer of a source that gives no size ends at the object's end
        }
        if (n > 0) {
            seenEnd = Math.max(seenEnd, end);
        }
        if (size >= 0) {
            report.size(size);
        }
        if (got.hasArray() && got.arrayOffset() == 0 && got.position() == 0 && got.array().length == n) {
            buf = got.array();   // the source's own array, whole: no copy (sources hand over their buffers)
        } else {
            buf = new byte[n];
            got.get(buf);
        }
        bufStart = from;
    }
}
