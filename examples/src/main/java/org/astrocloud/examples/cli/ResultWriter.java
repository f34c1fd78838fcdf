package org.astrocloud.examples.cli;

import java.util.List;
import org.astrocloud.fits.ScanResult;

/** Writes scan results in one output format; called for one result at a time, then {@link #finish()}. */
interface ResultWriter {

    /** Writes one file's result. */
    void write(ScanResult result);

    /** Writes what must wait for the end (a table's aligned rows) and flushes. */
    default void finish() {
    }

    /** What the user should hear about the output once it is written (a keyword no HDU had, ...). */
    default List<String> warnings() {
        return List.of();
    }
}
