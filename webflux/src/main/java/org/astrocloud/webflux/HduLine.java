package org.astrocloud.webflux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.value.FitsComplex;
import org.astrocloud.fits.value.FitsComplexInteger;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.HduKind;
import org.springframework.http.codec.ServerSentEvent;

/**
 * One HDU as a JSON object: where its header and data lie in the file, its structural keywords,
 * and its header as a map from keyword to typed value.
 *
 * <p>The map keeps the header's order. Values are JSON booleans, numbers and strings as the cards
 * type them, {@code [re, im]} for a complex value, {@code null} for an undefined value; the text of
 * a card without a value is its bytes 9-80 as written; {@code COMMENT} and {@code HISTORY} map to the
 * list of their texts; blank-keyword cards are left out; a keyword repeated (which FITS forbids)
 * keeps its first value.
 *
 * @param hdu the HDU's index, 0 for the primary HDU
 * @param kind what the HDU holds
 * @param xtension the XTENSION value, {@code null} for the primary HDU
 * @param headerOffset where the header starts, in bytes
 * @param headerSize the header's size in bytes, a multiple of 2880
 * @param dataOffset where the data unit starts
 * @param dataSize the data unit's size without padding
 * @param paddedDataSize the data unit's size padded to 2880
 * @param bitpix BITPIX
 * @param naxis NAXIS1..NAXISn, empty when NAXIS = 0
 * @param cardCount the 80-character cards before END
 * @param header keyword to typed value, in header order
 */
public record HduLine(int hdu, HduKind kind, String xtension, long headerOffset, long headerSize, long dataOffset,
                      long dataSize, long paddedDataSize, int bitpix, List<Long> naxis, int cardCount,
                      Map<String, Object> header) implements HeaderLine {

    /** The line for {@code h}. */
    public static HduLine of(FitsHeader h) {
        return new HduLine(h.index(), h.kind(), h.xtension().orElse(null), h.headerOffset(), h.headerSize(),
                h.dataOffset(), h.dataSize(), h.paddedDataSize(), h.bitpix(), h.naxis(), h.cardCount(),
                header(h.cards()));
    }

    @Override
    public ServerSentEvent<HeaderLine> event() {
        return ServerSentEvent.<HeaderLine>builder(this).build();
    }

    private static Map<String, Object> header(List<FitsCard> cards) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (FitsCard card : cards) {
            if (card.keyword().isEmpty()) {
                continue;
            }
            if (card.isCommentary()) {
                @SuppressWarnings("unchecked")
                List<Object> texts = (List<Object>) map.computeIfAbsent(card.keyword(), k -> new ArrayList<>());
                texts.add(card.value().orElse(""));
            } else if (!map.containsKey(card.keyword())) {
                map.put(card.keyword(), json(card.value().orElse(null)));
            }
        }
        return map;
    }

    /** A card's value as JSON renders it: a complex value as the array {@code [re, im]}. */
    private static Object json(Object value) {
        if (value instanceof FitsComplexInteger c) {
            return List.of(c.re(), c.im());
        }
        if (value instanceof FitsComplex c) {
            return List.of(c.re(), c.im());
        }
        return value;
    }
}
