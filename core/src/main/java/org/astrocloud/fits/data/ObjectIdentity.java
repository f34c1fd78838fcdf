package org.astrocloud.fits.data;

import java.util.Objects;
import org.astrocloud.fits.spi.RangeBytes;

/**
 * What tells one version of an object from another, as far as it is known: its size, its validator
 * (ETag) and, for local files, the last-modified time. Two identities name different objects when
 * any figure both know differs; an unknown figure decides nothing.
 *
 * @param size bytes, or -1 when unknown
 * @param validator the ETag verbatim, or {@code null}
 * @param lastModified milliseconds since the epoch, or -1 when unknown
 */
record ObjectIdentity(long size, String validator, long lastModified) {
    static final ObjectIdentity UNKNOWN = new ObjectIdentity(-1, null, -1);

    /** This identity, completed by what an answer of the source tells. */
    ObjectIdentity with(RangeBytes answer) {
        return new ObjectIdentity(answer.objectSize().orElse(size), answer.validator().orElse(validator), lastModified);
    }

    /** This identity, where {@code other} knows better (a figure it knows replaces this one's). */
    ObjectIdentity and(ObjectIdentity other) {
        return new ObjectIdentity(other.size >= 0 ? other.size : size, other.validator != null ? other.validator : validator,
                other.lastModified >= 0 ? other.lastModified : lastModified);
    }

    /** Whether nothing both know differs. */
    boolean sameObject(ObjectIdentity other) {
        return !(size >= 0 && other.size >= 0 && size != other.size)
                && !(validator != null && other.validator != null && !validator.equals(other.validator))
                && !(lastModified >= 0 && other.lastModified >= 0 && lastModified != other.lastModified);
    }

    /** What differs from {@code other}, for the message that says a download starts over. */
    String difference(ObjectIdentity other) {
        if (size >= 0 && other.size >= 0 && size != other.size) {
            return "its size changed from " + size + " to " + other.size + " bytes";
        }
        if (!Objects.equals(validator, other.validator) && validator != null && other.validator != null) {
            return "its ETag changed from " + validator + " to " + other.validator;
        }
        return "its last-modified time changed";
    }
}
