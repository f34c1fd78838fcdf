package org.astrocloud.fits;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Patches a header document on its way to the subscriber, for example to fix a keyword that a
 * whole collection has wrong without touching the files. A transform changes cards, never the
 * layout (offsets and sizes describe the file). Transforms run on the thread that parsed the
 * header and must not block.
 *
 * <pre>{@code
 * HeaderTransform fixTelescope = HeaderTransform.when(
 *         h -> h.index() == 0 && h.stringValue("TELESCOP").isEmpty(),
 *         h -> h.withCard(FitsCard.of("TELESCOP", "TESS", "telescope")));
 * FitsScanner scanner = FitsScanner.create().transform(fixTelescope);
 * }</pre>
 */
@FunctionalInterface
public interface HeaderTransform {

    /** Returns the header to emit in place of {@code header}. */
    FitsHeader apply(FitsHeader header);

    /** The transform that changes nothing. */
    static HeaderTransform identity() {
        return h -> h;
    }

    /** Applies {@code transform} only to headers that match {@code condition}. */
    static HeaderTransform when(Predicate<FitsHeader> condition, HeaderTransform transform) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(transform, "transform");
        return h -> condition.test(h) ? transform.apply(h) : h;
    }

    /** This transform, then {@code next}. */
    default HeaderTransform andThen(HeaderTransform next) {
        Objects.requireNonNull(next, "next");
        return h -> next.apply(apply(h));
    }
}
