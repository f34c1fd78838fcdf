package org.astrocloud.fits;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Flux;

/**
 * Cuts one file's headers into {@link ScanPart}s of at most N headers. A full piece is held back
 * until the next header arrives, so that the last piece always carries the file's result: a file of
 * at most N headers is one piece, its result included.
 */
final class ScanParts {
    private ScanParts() {
    }

    /**
     * {@code headers} in pieces, the last with {@code end.apply(error)} (the error null when the walk
     * completed); never signals an error: a failure ends the file's last piece, after every header read.
     */
    static Flux<ScanPart> of(URI uri, Flux<FitsHeader> headers, int perPart, Function<Throwable, ScanResult> end) {
        return Flux.defer(() -> {
            Cutter cutter = new Cutter(uri, perPart);
            return headers.materialize().handle((signal, sink) -> {
                if (signal.isOnNext()) {
                    ScanPart full = cutter.add(signal.get());
                    if (full != null) {
                        sink.next(full);
                    }
                } else if (signal.isOnComplete() || signal.isOnError()) {
                    sink.next(cutter.last(end.apply(signal.getThrowable())));
                }
            });
        });
    }

    /** One file's piece being filled; a full one is handed on when the next header arrives. */
    private static final class Cutter {
        private final URI uri;
        private final int perPart;
        private List<FitsHeader> piece;
        private int count;

        Cutter(URI uri, int perPart) {
            this.uri = uri;
            this.perPart = perPart;
            this.piece = new ArrayList<>(perPart);
        }

        /** Adds {@code h}; the previous piece when it was full, else null. */
        ScanPart add(FitsHeader h) {
            ScanPart full = null;
            if (piece.size() == perPart) {
                full = new ScanPart(uri, piece, count, Optional.empty());
                piece = new ArrayList<>(perPart);
            }
            piece.add(h);
            count++;
            return full;
        }

        ScanPart last(ScanResult end) {
            return new ScanPart(uri, piece, count, Optional.of(end));
        }
    }

    /** A whole result in pieces (a catalog's answer), the last with the result less its headers. */
    static List<ScanPart> cut(ScanResult r, int perPart) {
        List<FitsHeader> all = r.headers();
        ScanResult end = new ScanResult(r.uri(), r.resolvedUri(), List.of(), r.error(), r.requests(), r.bytesRead(),
                r.retries(), r.size(), r.trailingBytes(), r.elapsed(), r.origin());
        List<ScanPart> parts = new ArrayList<>();
        int from = 0;
        do {
            int to = Math.min(all.size(), from + perPart);
            boolean last = to == all.size();
            parts.add(new ScanPart(r.uri(), all.subList(from, to), to, last ? Optional.of(end) : Optional.empty()));
            from = to;
        } while (from < all.size());
        return parts;
    }
}
