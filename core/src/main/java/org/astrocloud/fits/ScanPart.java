package org.astrocloud.fits;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A piece of one file's scan from {@link FitsScanner#scanAllInParts}: some of its headers, in file
 * order, and on the file's last piece its result. A file with no more headers than a part holds comes
 * as one piece; a larger one as full pieces while it is read, so that memory per file stays bounded
 * whatever its number of HDUs.
 *
 * @param uri the file, as given to the scanner
 * @param headers these headers, in file order
 * @param hdus how many headers of the file came so far, these included (on the last piece: all)
 * @param end on the file's last piece, its result, whose {@link ScanResult#headers()} is empty (they
 *        came in the pieces); empty on the others
 */
public record ScanPart(URI uri, List<FitsHeader> headers, int hdus, Optional<ScanResult> end) {

    /** Checks that nothing is null and copies the headers. */
    public ScanPart {
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        Objects.requireNonNull(end, "end");
    }

    /** Whether this is the file's last piece (it carries the result). */
    public boolean isLast() {
        return end.isPresent();
    }
}
