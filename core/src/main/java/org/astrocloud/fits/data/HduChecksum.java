package org.astrocloud.fits.data;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import nom.tam.fits.utilities.FitsCheckSum;

/**
 * The CHECKSUM and DATASUM of one HDU, as written and as computed from its bytes (FITS 4.0,
 * appendix J): {@link #checksum()} is {@link Verdict#OK} when the ones'-complement sum of the
 * header, CHECKSUM card as written, and of the data unit is all ones ({@link #hduSum()} is
 * {@code 0xFFFFFFFF}, negative zero); {@link #datasum()} is OK when the DATASUM card holds the
 * decimal value of {@link #dataSum()}, the sum of the data unit with its padding (0 for an HDU
 * without data). Both are {@link Verdict#MISSING} when their card is absent.
 *
 * <pre>{@code
 * ChecksumVerifier.create().verify(URI.create("file:/data/image.fits"))
 *     .filter(hdu -> !hdu.isOk())
 *     .subscribe(hdu -> System.out.println("HDU " + hdu.index() + ": CHECKSUM " + hdu.checksum()
 *             + ", DATASUM " + hdu.datasum() + " (expected " + hdu.datasumCard().orElse("none")
 *             + ", computed " + hdu.computedDatasum() + ")"));
 * }</pre>
 *
 * @param uri the object read
 * @param index the HDU's index, 0 for the primary HDU
 * @param headerOffset where its header starts (in the decompressed stream for gzip)
 * @param dataOffset where its data unit starts
 * @param paddedDataSize the data unit's length with padding, as summed
 * @param checksumCard the value of the CHECKSUM card as written, if there is one
 * @param datasumCard the value of the DATASUM card as written, if there is one
 * @param headerSum the ones'-complement sum of the header blocks, as stored
 * @param dataSum the ones'-complement sum of the data unit with its padding
 * @param checksum what the CHECKSUM card says about the HDU
 * @param datasum what the DATASUM card says about the data unit
 */
public record HduChecksum(URI uri, int index, long headerOffset, long dataOffset, long paddedDataSize,
                          Optional<String> checksumCard, Optional<String> datasumCard, long headerSum, long dataSum,
                          Verdict checksum, Verdict datasum) {

    /** Checks that nothing is null. */
    public HduChecksum {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(checksumCard, "checksumCard");
        Objects.requireNonNull(datasumCard, "datasumCard");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(datasum, "datasum");
    }

    /** The sum over the whole HDU, header and data: {@code 0xFFFFFFFF} when its CHECKSUM is right. */
    public long hduSum() {
        return FitsCheckSum.sumOf(headerSum, dataSum);
    }

    /** The data sum as DATASUM would hold it: the unsigned decimal value of {@link #dataSum()}. */
    public String computedDatasum() {
        return Long.toString(dataSum);
    }

    /** The DATASUM card's value as a number, if the card is present and holds an unsigned 32-bit decimal. */
    public OptionalLong expectedDatasum() {
        return datasumCard.map(HduChecksum::unsigned32).orElse(OptionalLong.empty());
    }

    /** Whether neither keyword is {@link Verdict#BAD} (missing ones are not errors here). */
    public boolean isIntact() {
        return checksum != Verdict.BAD && datasum != Verdict.BAD;
    }

    /** Whether both keywords are present and right. */
    public boolean isOk() {
        return checksum == Verdict.OK && datasum == Verdict.OK;
    }

    static OptionalLong unsigned32(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(digits);
        return value > 0xffffffffL ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
