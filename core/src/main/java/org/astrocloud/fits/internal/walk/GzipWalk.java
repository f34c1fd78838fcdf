package org.astrocloud.fits.internal.walk;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.internal.FormatErrors;
import org.astrocloud.fits.internal.gzip.GzipDecoder;
import org.astrocloud.fits.internal.gzip.OffLoopDecoding;
import org.astrocloud.fits.spi.ByteRangeSource;
import reactor.core.publisher.Flux;

/**
 * The walk over a whole-file gzip object. Gzip cannot be entered in the middle, so the object
 * is streamed from its start and decompressed as it arrives; data units are counted off as they
 * pass and never stored. Offsets refer to the decompressed stream. This costs a download of the
 * whole compressed object. Headers are assembled by the same {@link HeaderAssembler} as the
 * ranged walk's; decompression runs off the I/O threads ({@link OffLoopDecoding}).
 */
final class GzipWalk {
    private static final int CHUNK = 256 * 1024;

    private final URI uri;
    private final WalkReport report;
    private final HeaderAssembler assembler;
    private long position;
    private long skip;
    private long dataEnd;
    private int index;
    private long trailing = -1;

    private GzipWalk(URI uri, WalkSettings settings, WalkReport report) {
        this.uri = uri;
        this.report = report;
        this.assembler = new HeaderAssembler(uri, settings.maxHeaderSize(), "gzip", "decompressed stream");
        assembler.begin(0, 0);
    }

    /** The headers of the gzip-compressed FITS object read by {@code source}. */
    static Flux<HeaderUnit> walk(ByteRangeSource source, WalkSettings settings, WalkReport report) {
        return Flux.defer(() -> {
            GzipWalk walk = new GzipWalk(source.uri(), settings, report);
            GzipDecoder decoder = new GzipDecoder(source.uri());
            return OffLoopDecoding.decoded(source.stream(0, CHUNK), decoder, slice -> walk.events(decoder, slice),
                            () -> walk.end(decoder))
                    .<HeaderUnit>handle((event, sink) -> {
                        if (event instanceof HeaderUnit h) {
                            sink.next(h);
                        } else {
                            sink.error((Throwable) event);
                        }
                    });
        });
    }

    /** Headers completed by {@code chunk}, then the error that stopped the walk, if one did. */
    private List<Object> events(GzipDecoder decoder, ByteBuffer chunk) {
        List<Object> out = new ArrayList<>();
        try {
            decoder.decode(chunk, bytes -> accept(bytes, out));
        } catch (AstroCloudException e) {
            out.add(e.atHdu(index));
        }
        return out;
    }

    private List<Object> end(GzipDecoder decoder) {
        List<Object> out = new ArrayList<>();
        try {
            decoder.finish();
            report.size(position);
            if (skip > 0 && dataEnd > position) {
                int last = index - 1;
                throw FormatErrors.truncatedFile("the data unit of HDU " + last + " ends at " + dataEnd
                        + " but the decompressed stream ends at " + position, uri, last, position);
            }
            if (trailing < 0 && skip == 0) {
                RuntimeException error = assembler.endedAt(position);
                if (error != null) {
                    throw error;
                }
                trailing = assembler.held();
            }
            report.trailingBytes(Math.max(trailing, 0));
        } catch (AstroCloudException e) {
            out.add(e.atHdu(index));
        }
        return out;
    }

    private void accept(ByteBuffer bytes, List<Object> out) {
        while (bytes.hasRemaining()) {
            int n;
            if (skip > 0) {
                n = (int) Math.min(skip, bytes.remaining());
                skip -= n;
            } else if (trailing >= 0) {
                n = bytes.remaining();
                trailing += n;
            } else {
                n = assembler.accept(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                progress(out);
            }
            bytes.position(bytes.position() + n);
            position += n;
        }
    }

    private void progress(List<Object> out) {
        switch (assembler.progress()) {
            case COMPLETE -> {
                HeaderUnit h = assembler.header();
                out.add(h);
                index++;
                dataEnd = h.dataEnd();
                skip = h.paddedDataSize();
                assembler.begin(index, h.nextOffset());
            }
            case NOT_A_HEADER -> trailing = assembler.held();
            default -> {
                // more bytes needed
            }
        }
    }
}
