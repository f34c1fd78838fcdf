package org.astrocloud.fits.data;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.internal.FormatErrors;
import org.astrocloud.fits.internal.gzip.GzipDecoder;
import org.astrocloud.fits.internal.gzip.OffLoopDecoding;
import org.astrocloud.fits.internal.walk.HeaderAssembler;
import org.astrocloud.fits.internal.walk.HeaderUnit;
import org.astrocloud.fits.spi.ByteRangeSource;
import reactor.core.publisher.Flux;

/**
 * Verifies a whole-file gzip object in one sequential pass: the object is streamed from its start
 * and decompressed as it arrives ({@link GzipDecoder}), each header is assembled by the walk's own
 * {@link HeaderAssembler}, and each data unit is summed as it passes, never stored. Offsets are
 * those of the decompressed stream. Not thread-safe: one pass per subscription.
 */
final class GzipChecksumPass {
    private static final int CHUNK = 256 * 1024;

    private enum State { HEADER, DATA, TRAILING }

    private final URI uri;
    private final HeaderAssembler assembler;
    private State state = State.HEADER;
    private HeaderUnit current;
    private OnesComplementSum data;
    private long remaining;
    private long fed;
    private long position;
    private int index;

    private GzipChecksumPass(URI uri, int maxHeaderSize) {
        this.uri = uri;
        this.assembler = new HeaderAssembler(uri, maxHeaderSize, "gzip", "decompressed stream");
        assembler.begin(0, 0);
    }

    /** The checksums of every HDU of the gzip-compressed FITS object that {@code source} reads. */
    static Flux<HduChecksum> verify(ByteRangeSource source, int maxHeaderSize) {
        return Flux.defer(() -> {
            GzipChecksumPass pass = new GzipChecksumPass(source.uri(), maxHeaderSize);
            GzipDecoder decoder = new GzipDecoder(source.uri());
            return OffLoopDecoding.decoded(source.stream(0, CHUNK), decoder, slice -> pass.decode(decoder, slice),
                    () -> pass.end(decoder));
        });
    }

    private List<HduChecksum> decode(GzipDecoder decoder, ByteBuffer chunk) {
        List<HduChecksum> out = new ArrayList<>();
        try {
            decoder.decode(chunk.duplicate(), bytes -> accept(bytes, out));
        } catch (AstroCloudException e) {
            throw e.atHdu(index);
        }
        return out;
    }

    private void accept(ByteBuffer bytes, List<HduChecksum> out) {
        while (bytes.hasRemaining()) {
            int n = switch (state) {
                case HEADER -> header(bytes, out);
                case DATA -> data(bytes, out);
                case TRAILING -> bytes.remaining();
            };
            bytes.position(bytes.position() + n);
            position += n;
        }
    }

    private int header(ByteBuffer bytes, List<HduChecksum> out) {
        int n = assembler.accept(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        fed += n;
        switch (assembler.progress()) {
            case COMPLETE -> {
                current = assembler.header();
                data = new OnesComplementSum();
                remaining = current.paddedDataSize();
                state = State.DATA;
                if (remaining == 0) {
                    next(out);
                }
            }
            case NOT_A_HEADER -> state = State.TRAILING;
            default -> {
                // more bytes needed
            }
        }
        return n;
    }

    private int data(ByteBuffer bytes, List<HduChecksum> out) {
        int n = (int) Math.min(remaining, bytes.remaining());
        data.add(bytes.slice(bytes.position(), n));
        remaining -= n;
        if (remaining == 0) {
            next(out);
        }
        return n;
    }

    private void next(List<HduChecksum> out) {
        out.add(HduSums.judge(current, data.value()));
        index++;
        fed = 0;
        state = State.HEADER;
        assembler.begin(index, current.nextOffset());
    }

    /**
     * Checks that the stream did not stop inside a member or a data unit. A last data unit that
     * lacks only its zero padding is complete (the padding would add nothing to its sum); bytes after
     * the last HDU that do not complete a header are trailing bytes, as for the walk.
     */
    private List<HduChecksum> end(GzipDecoder decoder) {
        List<HduChecksum> out = new ArrayList<>();
        try {
            decoder.finish();
        } catch (AstroCloudException e) {
            throw e.atHdu(index);
        }
        if (state == State.DATA) {
            if (data.length() < current.dataSize()) {
                throw FormatErrors.truncatedFile("the data unit of HDU " + index + " ends at " + current.dataEnd()
                        + " but the decompressed stream ends at " + position, uri, index, position);
            }
            next(out);
        } else if (state == State.HEADER && index == 0) {
            throw fed == 0 ? FormatErrors.emptyFile("the decompressed stream is empty", uri, 0, 0)
                    : FormatErrors.truncatedHeader("the decompressed stream ends inside the primary header", uri, 0, position);
        }
        return out;
    }
}
