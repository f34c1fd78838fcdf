package org.astrocloud.fits;

import org.astrocloud.fits.internal.FormatErrors;
import org.astrocloud.fits.error.AstroCloudException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.spi.ByteRangeSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The walk over a whole-file gzip object. Gzip cannot be entered in the middle, so the object
 * is streamed from its start and decompressed as it arrives; data units are counted off as they
 * pass and never stored. Offsets refer to the decompressed stream. This costs a download of the
 * whole compressed object.
 */
final class GzipWalk {
    private static final int CHUNK = 256 * 1024;

    private final URI uri;
    private final WalkSettings settings;
    private final WalkReport report;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private long position;
    private long headerOffset;
    private long skip;
    private long dataEnd;
    private int index;
    private long trailing = -1;
    private boolean firstCardChecked;

    private GzipWalk(URI uri, WalkSettings settings, WalkReport report) {
        this.uri = uri;
        this.settings = settings;
        this.report = report;
    }

    /** The headers of the gzip-compressed FITS object read by {@code source}. */
    static Flux<FitsHeader> walk(ByteRangeSource source, WalkSettings settings, WalkReport report) {
        return Flux.defer(() -> {
            GzipWalk walk = new GzipWalk(source.uri(), settings, report);
            GzipDecoder decoder = new GzipDecoder(source.uri());
            return source.stream(0, CHUNK)
                    .concatMapIterable(chunk -> walk.events(decoder, chunk), 1)
                    .concatWith(Flux.defer(() -> Flux.fromIterable(walk.end(decoder))))
                    .<FitsHeader>handle((event, sink) -> {
                        if (event instanceof FitsHeader h) {
                            sink.next(h);
                        } else {
                            sink.error((Throwable) event);
                        }
                    })
                    .doOnCancel(decoder::release)
                    .doOnError(e -> decoder.release());
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
            int h = header.size();
            if (trailing < 0 && h > 0) {
                if (index > 0 && h < FitsBlocks.CARD_SIZE) {
                    trailing = h;
                } else if (index == 0 && h < FitsBlocks.CARD_SIZE) {
                    throw FormatErrors.notFits("not a FITS file: the decompressed stream is shorter than one card",
                            uri, 0, 0);
                } else if (h % FitsBlocks.BLOCK_SIZE != 0) {
                    throw FormatErrors.truncatedHeader("the header is cut short by the end of the stream at "
                            + position, uri, index, headerOffset);
                } else {
                    throw FormatErrors.missingEnd("the header has no END card before the end of the stream at "
                            + position, uri, index, headerOffset);
                }
            }
            if (index == 0 && trailing < 0) {
                throw FormatErrors.emptyFile("the decompressed stream is empty", uri, 0, 0);
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
                bytes.position(bytes.position() + n);
                skip -= n;
            } else if (trailing >= 0) {
                n = bytes.remaining();
                bytes.position(bytes.limit());
                trailing += n;
            } else {
                n = Math.min(bytes.remaining(), FitsBlocks.BLOCK_SIZE - header.size() % FitsBlocks.BLOCK_SIZE);
                header.write(bytes.array(), bytes.arrayOffset() + bytes.position(), n);
                bytes.position(bytes.position() + n);
            }
            position += n;
            if (skip == 0 && trailing < 0 && header.size() > 0) {
                headerProgress(out);
            }
        }
    }

    private void headerProgress(List<Object> out) {
        int size = header.size();
        if (!firstCardChecked && size >= FitsBlocks.CARD_SIZE) {
            firstCardChecked = true;
            byte[] first = header.toByteArray();
            if (index == 0 && !HeaderBuilder.isSimple(first, 0)) {
                throw FormatErrors.notFits("not a FITS file: the first card of the decompressed stream is not SIMPLE",
                        uri, 0, 0);
            }
            if (index > 0 && !HeaderBuilder.isXtension(first, 0)) {
                trailing = size;
                header.reset();
                return;
            }
        }
        if (size % FitsBlocks.BLOCK_SIZE != 0) {
            return;
        }
        byte[] bytes = header.toByteArray();
        for (int c = size / FitsBlocks.CARD_SIZE - FitsBlocks.CARDS_PER_BLOCK; c < size / FitsBlocks.CARD_SIZE; c++) {
            if (HeaderBuilder.isEnd(bytes, c * FitsBlocks.CARD_SIZE)) {
                FitsHeader h = HeaderBuilder.build(bytes, c, uri, index, headerOffset, settings);
                out.add(h);
                index++;
                header.reset();
                firstCardChecked = false;
                dataEnd = h.dataOffset() + h.dataSize();
                skip = h.paddedDataSize();
                headerOffset = h.nextOffset();
                return;
            }
        }
        if (size >= settings.maxHeaderSize()) {
            throw FormatErrors.headerTooLarge("no END card within the maximum header size of "
                    + settings.maxHeaderSize() + " bytes", uri, index, headerOffset);
        }
    }
}
