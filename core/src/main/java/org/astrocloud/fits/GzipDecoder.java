package org.astrocloud.fits;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Incremental gzip (RFC 1952) decoder fed chunk by chunk, without blocking and without holding
 * more than one output buffer: the non-blocking counterpart of {@code GZIPInputStream}.
 * Handles optional header fields, several members in a row, and checks each member's CRC-32 and
 * length. Bytes after the last member that do not start another member are ignored, as gzip does.
 */
final class GzipDecoder {
    private enum State { HEADER, INFLATE, TRAILER, DONE }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final URI uri;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] out = new byte[64 * 1024];
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private State state = State.HEADER;
    private long memberLength;
    private long compressedOffset;
    private boolean anyMember;

    GzipDecoder(URI uri) {
        this.uri = uri;
    }

    /** Decodes {@code in}, handing each run of decompressed bytes to {@code sink}, which must consume it at once. */
    void decode(ByteBuffer in, Consumer<ByteBuffer> sink) {
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
    }

    /** Checks that the stream did not stop inside a member. */
    void finish() {
        if (state == State.INFLATE || state == State.TRAILER || (state == State.HEADER && pending.size() > 0 && !anyMember)) {
            throw new CorruptCompressionException("the gzip stream ends inside a member", uri, -1, compressedOffset);
        }
        inflater.end();
    }

    /** Releases the inflater when the walk is cancelled or fails. */
    void release() {
        inflater.end();
    }

    private void readHeader(ByteBuffer in) {
        while (in.hasRemaining()) {
            pending.write(in.get());
            compressedOffset++;
            byte[] h = pending.toByteArray();
            if (h.length == 2 && ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b)) {
                if (anyMember) {
                    state = State.DONE;
                    return;
                }
                throw corrupt("not a gzip stream");
            }
            int headerLength = headerLength(h);
            if (headerLength > 0 && h.length == headerLength) {
                if (h[2] != 8) {
                    throw corrupt("unknown gzip compression method " + h[2]);
                }
                pending.reset();
                inflater.reset();
                crc.reset();
                memberLength = 0;
                state = State.INFLATE;
                return;
            }
        }
    }

    /** The full header length if {@code h} holds enough to know it, else -1. */
    private static int headerLength(byte[] h) {
        if (h.length < 10) {
            return -1;
        }
        int flags = h[3] & 0xff;
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            if (h.length < at + 2) {
                return -1;
            }
            at += 2 + ((h[at] & 0xff) | (h[at + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                do {
                    if (h.length <= at) {
                        return -1;
                    }
                } while (h[at++] != 0);
            }
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        return h.length >= at ? at : -1;
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

    private CorruptCompressionException corrupt(String detail) {
        return new CorruptCompressionException(detail, uri, -1, compressedOffset);
    }
}
