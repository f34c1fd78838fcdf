package org.astrocloud.examples.cli;

import java.util.List;
import java.util.Optional;
import org.astrocloud.fits.ScanPart;
import org.astrocloud.fits.ScanResult;

/**
 * Writes scan results in one output format; called for one piece of a file at a time (its headers
 * as they are read, the last piece with its result), then {@link #finish()}.
 */
interface ResultWriter {

    /** Writes one piece of a file: lines for its headers, and on the last piece the file's ending lines. */
    void write(ScanPart part);

    /** Writes one file's whole result as one piece. */
    default void write(ScanResult result) {
        write(whole(result));
    }

    /** A whole result as its file's one piece (the result keeps its headers). */
    static ScanPart whole(ScanResult result) {
        return new ScanPart(result.uri(), result.headers(), result.headers().size(), Optional.of(result));
    }

    /** Writes what must wait for the end (a table's aligned rows) and flushes. */
    default void finish() {
    }

    /** What the user should hear about the output once it is written (a keyword no HDU had, ...). */
    default List<String> warnings() {
        return List.of();
    }
}
