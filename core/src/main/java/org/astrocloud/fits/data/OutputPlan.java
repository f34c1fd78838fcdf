package org.astrocloud.fits.data;

import java.net.URI;
import java.nio.ByteBuffer;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a download's output is made of: {@code prefix} (bytes of our own, the primary stub of an
 * extension), then the object's bytes {@code [offset, offset + length)} ({@code length} -1: to the
 * object's end), of which at least {@code required} must exist; what the object lacks beyond those
 * is written as zeros (the missing padding of a last data unit).
 *
 * @param request what was asked, as the sidecar of a part records it ({@code object}, {@code bytes=0-99}, {@code hdu 2})
 */
record OutputPlan(String request, byte[] prefix, long offset, long length, long required) {

    OutputPlan {
        if (length >= 0 && (required > length || length - required >= 2880)) {
            throw new IllegalArgumentException("only the padding of a data unit may be missing");
        }
    }

    static OutputPlan object() {
        return new OutputPlan("object", new byte[0], 0, -1, 0);
    }

    static OutputPlan range(ByteRange range) {
        return new OutputPlan(range.toHttpRange(), new byte[0], range.offset(), range.length(), range.length());
    }

    static OutputPlan from(long offset) {
        return new OutputPlan("bytes=" + offset + "-", new byte[0], offset, -1, 0);
    }

    /** The output's size given the object's ({@code -1} when unknown); -1 when unknown still. */
    long total(long objectSize) {
        if (length >= 0) {
            return prefix.length + length;
        }
        return objectSize < 0 ? -1 : prefix.length + Math.max(0, objectSize - offset);
    }

    /**
     * The output after its first {@code skip} bytes, as pieces read from {@code source} on demand,
     * each only when the one before has been requested and taken.
     */
    Flux<Piece> pieces(ByteRangeSource source, long skip) {
        Flux<Piece> head = skip < prefix.length
                ? Flux.just(Piece.literal(ByteBuffer.wrap(prefix, (int) skip, prefix.length - (int) skip).slice()))
                : Flux.empty();
        long from = Math.max(0, skip - prefix.length);
        if (length >= 0 && from >= length) {
            return head;
        }
        long start = offset + from;
        ByteRange range = ByteRange.of(start, length >= 0 ? length - from : Long.MAX_VALUE - start);
        return head.concatWith(Flux.defer(() -> {
            long[] got = {0};
            return source.stream(range)
                    .map(answer -> {
                        boolean first = got[0] == 0;
                        ObjectIdentity seen = ObjectIdentity.UNKNOWN.with(answer);
                        if (first && length >= 0 && seen.size() >= 0 && offset + required > seen.size()) {
                            throw pastEnd(source.uri(), seen.size());
                        }
                        got[0] += answer.length();
                        return new Piece(answer.bytes(), seen, first);
                    })
                    .concatWith(Flux.defer(() -> tail(source, from + got[0], from == 0 && got[0] == 0)));
        }));
    }

    /** What follows the object's bytes once {@code delivered} of them are in: zeros, nothing, or the error. */
    private Flux<Piece> tail(ByteRangeSource source, long delivered, boolean nothing) {
        if (length >= 0 && delivered < required || length < 0 && nothing && offset > 0) {
            return source.read(ByteRange.of(0, 1))
                    .map(answer -> answer.objectSize().orElse(-1))
                    .defaultIfEmpty(0L)
                    .flatMapMany(size -> Mono.error(pastEnd(source.uri(), size)));
        }
        if (length >= 0 && delivered < length) {
            return Flux.just(Piece.literal(ByteBuffer.allocate((int) (length - delivered))));
        }
        return Flux.empty();
    }

    private RangePastEndException pastEnd(URI uri, long size) {
        String what = request.startsWith("hdu") ? "the data unit of " + request.replace("hdu", "HDU") + " runs"
                : request + " is";
        return new RangePastEndException(what + " past the end of the object, which has "
                + (size < 0 ? "fewer" : Long.toString(size)) + " bytes", uri, offset, size);
    }
}
