package org.astrocloud.fits.data;

import java.util.Optional;
import java.util.OptionalLong;
import nom.tam.fits.utilities.FitsCheckSum;
import org.astrocloud.fits.internal.FitsBlocks;
import org.astrocloud.fits.internal.cards.ParsedCard;
import org.astrocloud.fits.internal.cards.StandardCards;
import org.astrocloud.fits.internal.walk.HeaderAssembler;
import org.astrocloud.fits.internal.walk.HeaderUnit;

/** Judges one HDU: reads its CHECKSUM and DATASUM cards and compares them with the sums of its bytes. */
final class HduSums {
    private HduSums() {
    }

    /** The verdicts for {@code unit} whose data unit sums to {@code dataSum}. */
    static HduChecksum judge(HeaderUnit unit, long dataSum) {
        byte[] header = unit.bytes();
        long headerSum = FitsCheckSum.checksum(header);
        Optional<String> checksum = value(header, "CHECKSUM");
        Optional<String> datasum = value(header, "DATASUM ");
        Verdict checksumVerdict = checksum.isEmpty() ? Verdict.MISSING
                : FitsCheckSum.sumOf(headerSum, dataSum) == FitsCheckSum.HDU_CHECKSUM ? Verdict.OK : Verdict.BAD;
        Verdict datasumVerdict = datasum.isEmpty() ? Verdict.MISSING
                : HduChecksum.unsigned32(datasum.get()).equals(OptionalLong.of(dataSum)) ? Verdict.OK : Verdict.BAD;
        return new HduChecksum(unit.uri(), unit.index(), unit.headerOffset(), unit.dataOffset(), unit.paddedDataSize(),
                checksum, datasum, headerSum, dataSum, checksumVerdict, datasumVerdict);
    }

    /**
     * The value of the first card before END whose keyword field is {@code keyword} (8 characters,
     * blank-padded): a string without its quotes, a number as written, {@code ""} when undefined.
     */
    private static Optional<String> value(byte[] header, String keyword) {
        for (int at = 0; at + FitsBlocks.CARD_SIZE <= header.length; at += FitsBlocks.CARD_SIZE) {
            if (HeaderAssembler.isEnd(header, at)) {
                break;
            }
            if (FitsBlocks.cardStartsWith(header, at, keyword) && StandardCards.isValued(header, at)) {
                ParsedCard card = StandardCards.parse(header, at);
                Object v = card == null ? null : card.value();
                return Optional.of(v == null ? "" : v.toString());
            }
        }
        return Optional.empty();
    }
}
