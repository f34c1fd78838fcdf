package org.astrocloud.fits.catalog;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.astrocloud.fits.spi.ObjectInfo;

/**
 * What a catalog knows of one object: the version it scanned (size, ETag, modification time), when,
 * the headers it found and how the scan ended. An entry answers a later scan without a request while
 * it is fresh; after that its {@link #object()} is what the object is revalidated against.
 *
 * <pre>{@code
 * CatalogEntry e = catalog.find(uri).block();
 * e.isFresh(Duration.ofHours(1), Instant.now());   // answer from the catalog?
 * }</pre>
 *
 * @param object the object as scanned: URI (as given to the scanner), size, validator, modification time
 * @param scannedAt when the scan ended (or the entry was last revalidated)
 * @param headers the headers found, in file order
 * @param compression {@code gzip} when the offsets are in a decompressed stream, else null
 * @param error the type and message of the error that ended the scan, or null when it reached the end
 * @param derivedFrom the object the entry was derived from without reading this one (a TESS cube for
 *     its FFIs), or null when it was scanned
 */
public record CatalogEntry(ObjectInfo object, Instant scannedAt, List<StoredHeader> headers, String compression,
                           String error, URI derivedFrom) {

    /** Checks and copies. */
    public CatalogEntry {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(scannedAt, "scannedAt");
        headers = List.copyOf(headers);
    }

    /** The object's URI. */
    public URI uri() {
        return object.uri();
    }

    /** Whether the scan reached the end of the object. */
    public boolean isOk() {
        return error == null;
    }

    /** The error that ended the scan, as {@code Type: message}. */
    public Optional<String> errorText() {
        return Optional.ofNullable(error);
    }

    /** The object this entry was derived from, when it was not scanned itself. */
    public Optional<URI> derivation() {
        return Optional.ofNullable(derivedFrom);
    }

    /** Whether the entry is younger than {@code ttl} at {@code now}; never with a zero ttl. */
    public boolean isFresh(Duration ttl, Instant now) {
        return scannedAt.plus(ttl).isAfter(now);
    }

    /** A copy revalidated at {@code when}: the object unchanged, now described by {@code current}. */
    public CatalogEntry revalidated(ObjectInfo current, Instant when) {
        ObjectInfo merged = new ObjectInfo(object.uri(), current.size() >= 0 ? current.size() : object.size(),
                current.validator() != null ? current.validator() : object.validator(),
                current.lastModified() != null ? current.lastModified() : object.lastModified());
        return new CatalogEntry(merged, when, headers, compression, error, derivedFrom);
    }
}
