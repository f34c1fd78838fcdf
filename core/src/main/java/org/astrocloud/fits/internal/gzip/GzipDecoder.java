package org.astrocloud.fits.internal.gzip;

import org.astrocloud.fits.internal.FormatErrors;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Incremental gzip (RFC 1952) decoder fed chunk by chunk, without blocking and without holding
 * more than one output buffer: the non-blocking counterpart of {@code GZIPInputStream}.
 * Handles optional header fields, several members in a row, and checks each member's CRC-32 and
 * length. Bytes after the last member that do not start another member are ignored, as gzip does.
 * Decoded by one thread at a time; {@link #release()} may come from any thread, also during a
 * {@link #decode}, and the inflater is ended by whichever of the two finishes last.
 */
public final class GzipDecoder {
    private enum State { HEADER, INFLATE, TRAILER, DONE }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FIXED_HEADER = 10;
    /** The longest FNAME or FCOMMENT accepted, terminating zero included: 64 KiB (a path is at most 4 KiB). */
    public static final int MAX_TEXT_FIELD = 64 * 1024;

    private static final int IDLE = 0;
    private static final int DECODING = 1;
    private static final int RELEASE_ASKED = 2;
    private static final int RELEASED = 3;

    private final URI uri;
    private final AtomicInteger use = new AtomicInteger(IDLE);
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] out = new byte[64 * 1024];
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final byte[] fixed = new byte[FIXED_HEADER];
    private int headerAt;
    private Field field = Field.NONE;
    private int fieldLeft;
    private int fieldCount;
    private State state = State.HEADER;
    private long memberLength;
    private long compressedOffset;
    private boolean anyMember;

    /** A decoder for the object {@code uri} (named in its errors). */
    public GzipDecoder(URI uri) {
        this.uri = uri;
    }

    /** Decodes {@code in}, handing each run of decompressed bytes to {@code sink}, which must consume it at once. */
    public void decode(ByteBuffer in, Consumer<ByteBuffer> sink) {
        if (!use.compareAndSet(IDLE, DECODING)) {
            in.position(in.limit());   // released: the walk was cancelled or has failed
            return;
        }
        try {
            while (in.hasRemaining() && state != State.DONE) {
                switch (state) {
                    case HEADER -> readHeader(in);
                    case INFLATE -> inflate(in, sink);
                    case TRAILER -> readTrailer(in);
                    default -> throw new IllegalStateException(state.name());
                }
            }
            compressedOffset += in.remaining();
            in.position(in.limit());
        } finally {
            if (!use.compareAndSet(DECODING, IDLE)) {   // released while decoding: end the inflater now
                use.set(RELEASED);
                inflater.end();
            }
        }
    }

    /** Checks that the stream did not stop inside a member. */
    public void finish() {
        if (state == State.INFLATE || state == State.TRAILER || (state == State.HEADER && headerAt > 0 && !anyMember)) {
            throw FormatErrors.corruptCompression("the gzip stream ends inside a member", uri, -1, compressedOffset);
        }
        release();
    }

    /** Releases the inflater (when the walk ends, is cancelled or fails); harmless twice, safe from any thread. */
    public void release() {
        while (true) {
            int u = use.get();
            if (u == IDLE && use.compareAndSet(IDLE, RELEASED)) {
                inflater.end();
                return;
            }
            if (u == RELEASE_ASKED || u == RELEASED || u == DECODING && use.compareAndSet(DECODING, RELEASE_ASKED)) {
                return;
            }
        }
    }

    /**
     * Reads a member header byte by byte, keeping only its 10 fixed bytes and counters: linear in
     * its length whatever the chunking. FEXTRA is at most 65,535 bytes by the format; FNAME and
     * FCOMMENT are capped at {@link #MAX_TEXT_FIELD} bytes each (their terminating zero included).
     */
    private void readHeader(ByteBuffer in) {
        while (in.hasRemaining()) {
            int b = in.get() & 0xff;
            compressedOffset++;
            if (headerAt < FIXED_HEADER) {
                fixed[headerAt++] = (byte) b;
                if (headerAt == 2 && ((fixed[0] & 0xff) != 0x1f || (fixed[1] & 0xff) != 0x8b)) {
                    if (anyMember) {
                        state = State.DONE;
                        return;
                    }
                    throw corrupt("not a gzip stream");
                }
                if (headerAt == 3 && fixed[2] != 8) {
                    throw corrupt("unknown gzip compression method " + fixed[2]);
                }
                if (headerAt == FIXED_HEADER) {
                    field = nextField(0);
                }
            } else {
                consumeField(b);
            }
            if (headerAt == FIXED_HEADER && field == Field.NONE) {
                headerAt = 0;
                inflater.reset();
                crc.reset();
                memberLength = 0;
                state = State.INFLATE;
                return;
            }
        }
    }

    /** The optional fields of a member header, in the order RFC 1952 gives them. */
    private enum Field { EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC, NONE }

    private void consumeField(int b) {
        switch (field) {
            case EXTRA_LENGTH -> {
                fieldLeft = fieldCount == 0 ? b : fieldLeft | b << 8;
                if (++fieldCount == 2) {
                    fieldCount = 0;
                    field = fieldLeft > 0 ? Field.EXTRA : nextField(Field.EXTRA.ordinal() + 1);
                }
            }
            case EXTRA -> {
                if (--fieldLeft == 0) {
                    field = nextField(Field.EXTRA.ordinal() + 1);
                }
            }
            case NAME, COMMENT -> {
                if (b == 0) {
                    fieldCount = 0;
                    field = nextField(field.ordinal() + 1);
                } else if (++fieldCount >= MAX_TEXT_FIELD) {
                    throw corrupt("the gzip header's " + (field == Field.NAME ? "FNAME" : "FCOMMENT")
                            + " field is longer than " + MAX_TEXT_FIELD + " bytes");
                }
            }
            case HEADER_CRC -> {
                if (++fieldCount == 2) {
                    fieldCount = 0;
                    field = Field.NONE;
                }
            }
            default -> throw new IllegalStateException(field.name());
        }
    }

    /** The first optional field from {@code from} on that the member's flags announce. */
    private Field nextField(int from) {
        int flags = fixed[3] & 0xff;
        Field[] fields = Field.values();
        for (int f = from; f < fields.length - 1; f++) {
            Field candidate = fields[f];
            int flag = switch (candidate) {
                case EXTRA_LENGTH -> FEXTRA;
                case NAME -> FNAME;
                case COMMENT -> FCOMMENT;
                case HEADER_CRC -> FHCRC;
                default -> 0;
            };
            if ((flags & flag) != 0) {
                return candidate;
            }
        }
        return Field.NONE;
    }

    private void inflate(ByteBuffer in, Consumer<ByteBuffer> sink) {
        int before = in.position();
        inflater.setInput(in);
        try {
            while (true) {
                int n = inflater.inflate(out);
                if (n > 0) {
                    crc.update(out, 0, n);
                    memberLength += n;
                    sink.accept(ByteBuffer.wrap(out, 0, n));
                }
                if (inflater.finished()) {
                    state = State.TRAILER;
                    break;
                }
                if (inflater.needsDictionary()) {
                    throw corrupt("the deflate stream needs a preset dictionary");
                }
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw corrupt("corrupt deflate data: " + e.getMessage());
        }
        compressedOffset += in.position() - before;
    }

    private void readTrailer(ByteBuffer in) {
        while (in.hasRemaining() && pending.size() < 8) {
            pending.write(in.get());
            compressedOffset++;
        }
        if (pending.size() < 8) {
            return;
        }
        byte[] t = pending.toByteArray();
        pending.reset();
        long expectedCrc = le32(t, 0);
        long expectedLength = le32(t, 4);
        if (expectedCrc != crc.getValue()) {
            throw corrupt("gzip CRC-32 mismatch");
        }
        if (expectedLength != (memberLength & 0xffffffffL)) {
            throw corrupt("gzip length mismatch");
        }
        anyMember = true;
        state = State.HEADER;
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private RuntimeException corrupt(String detail) {
        return FormatErrors.corruptCompression(detail, uri, -1, compressedOffset);
    }
}
