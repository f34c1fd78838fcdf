package org.astrocloud.fits.internal;

import java.net.URI;

/**
 * Creates the FITS format errors of {@code org.astrocloud.fits.error}, whose constructors are not
 * public because only the walk raises them. The error package installs the factory when its
 * {@code FitsFormatException} class is initialised; this class makes sure that has happened. An
 * implementation class: not part of the API.
 */
public final class FormatErrors {
    /** The format errors, one per exception class. */
    public enum Kind {
        NOT_FITS, EMPTY_FILE, MISSING_END, TRUNCATED_HEADER, HEADER_TOO_LARGE, TRUNCATED_FILE, INVALID_KEYWORD,
        DATA_SIZE_OVERFLOW, CORRUPT_COMPRESSION
    }

    /** Makes the error of one kind. */
    @FunctionalInterface
    public interface Factory {
        /** The error of {@code kind}; {@code hdu} and {@code offset} are -1 when unknown. */
        RuntimeException create(Kind kind, String detail, URI uri, int hdu, long offset);
    }

    private static volatile Factory factory;

    private FormatErrors() {
    }

    /** Called once, by the error package; later calls are ignored. */
    public static synchronized void install(Factory value) {
        if (factory == null) {
            factory = value;
        }
    }

    /** The error of {@code kind} for HDU {@code hdu} of {@code uri} at byte {@code offset}. */
    public static RuntimeException create(Kind kind, String detail, URI uri, int hdu, long offset) {
        Factory f = factory;
        if (f == null) {
            try {
                Class.forName("org.astrocloud.fits.error.FitsFormatException", true, FormatErrors.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the error package is missing", e);
            }
            f = factory;
        }
        return f.create(kind, detail, uri, hdu, offset);
    }

    public static RuntimeException notFits(String detail, URI uri, int hdu, long offset) {
        return create(Kind.NOT_FITS, detail, uri, hdu, offset);
    }

    public static RuntimeException emptyFile(String detail, URI uri, int hdu, long offset) {
        return create(Kind.EMPTY_FILE, detail, uri, hdu, offset);
    }

    public static RuntimeException missingEnd(String detail, URI uri, int hdu, long offset) {
        return create(Kind.MISSING_END, detail, uri, hdu, offset);
    }

    public static RuntimeException truncatedHeader(String detail, URI uri, int hdu, long offset) {
        return create(Kind.TRUNCATED_HEADER, detail, uri, hdu, offset);
    }

    public static RuntimeException headerTooLarge(String detail, URI uri, int hdu, long offset) {
        return create(Kind.HEADER_TOO_LARGE, detail, uri, hdu, offset);
    }

    public static RuntimeException truncatedFile(String detail, URI uri, int hdu, long offset) {
        return create(Kind.TRUNCATED_FILE, detail, uri, hdu, offset);
    }

    public static RuntimeException invalidKeyword(String detail, URI uri, int hdu, long offset) {
        return create(Kind.INVALID_KEYWORD, detail, uri, hdu, offset);
    }

    public static RuntimeException dataSizeOverflow(String detail, URI uri, int hdu, long offset) {
        return create(Kind.DATA_SIZE_OVERFLOW, detail, uri, hdu, offset);
    }

    public static RuntimeException corruptCompression(String detail, URI uri, int hdu, long offset) {
        return create(Kind.CORRUPT_COMPRESSION, detail, uri, hdu, offset);
    }
}
