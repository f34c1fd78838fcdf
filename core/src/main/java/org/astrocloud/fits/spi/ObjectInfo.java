package org.astrocloud.fits.spi;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a listing or a read says about one object without reading its bytes: its size, its
 * validator (ETag) and its modification time, each when known. Catalogs compare it with what they
 * stored to tell an unchanged object without a request.
 *
 * <pre>{@code
 * ObjectInfo.of(URI.create("s3://bucket/a.fits")).withSize(44_316_717_120L).withValidator("\"9b2cf535f27731c974343645a3985328\"");
 * }</pre>
 *
 * @param uri the object
 * @param size its size in bytes, or -1 when unknown
 * @param validator its ETag verbatim (quotes and a weak {@code W/} prefix kept), or null
 * @param lastModified when it last changed, or null
 */
public record ObjectInfo(URI uri, long size, String validator, Instant lastModified) {

    /** Checks the URI. */
    public ObjectInfo {
        Objects.requireNonNull(uri, "uri");
        if (size < -1) {
            throw new IllegalArgumentException("size must be -1 (unknown) or more: " + size);
        }
    }

    /** An object known only by its URI. */
    public static ObjectInfo of(URI uri) {
        return new ObjectInfo(uri, -1, null, null);
    }

    /** A copy with {@code size}. */
    public ObjectInfo withSize(long size) {
        return new ObjectInfo(uri, size, validator, lastModified);
    }

    /** A copy with {@code validator}. */
    public ObjectInfo withValidator(String validator) {
        return new ObjectInfo(uri, size, validator, lastModified);
    }

    /** A copy with {@code lastModified}. */
    public ObjectInfo withLastModified(Instant lastModified) {
        return new ObjectInfo(uri, size, validator, lastModified);
    }

    /** The size, when known. */
    public OptionalLong knownSize() {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** The validator, when known. */
    public Optional<String> knownValidator() {
        return Optional.ofNullable(validator);
    }

    /** The modification time, when known. */
    public Optional<Instant> knownLastModified() {
        return Optional.ofNullable(lastModified);
    }

    /**
     * Whether {@code other} describes the same version of the object: equal validators when both
     * have one; otherwise equal sizes and modification times when both have those; otherwise
     * unknown, which is false (a catalog then asks the source).
     */
    public boolean sameVersionAs(ObjectInfo other) {
        if (validator != null && other.validator != null) {
            return validator.equals(other.validator) && (size < 0 || other.size < 0 || size == other.size);
        }
        return size >= 0 && size == other.size && lastModified != null && lastModified.equals(other.lastModified);
    }
}
