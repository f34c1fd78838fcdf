package org.astrocloud.fits.tess;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.astrocloud.fits.FitsCard;

/**
 * The cards of one header being written, in order, one per keyword: {@link #set} replaces a card
 * in place or appends it. Values that FITS cannot hold (NaN, infinities) are written undefined.
 */
final class HeaderCards {
    private static final int BLOCK = 2880;
    private final Map<String, FitsCard> cards = new LinkedHashMap<>();

    /** Sets {@code keyword} to {@code value}: a Boolean, Number, String, or null for an undefined value. */
    HeaderCards set(String keyword, Object value, String comment) {
        Object v = value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)
                ? null : value;
        cards.put(keyword, FitsCard.of(keyword, v, comment));
        return this;
    }

    /** Sets {@code card} as it is (its image kept byte for byte). */
    HeaderCards set(FitsCard card) {
        cards.put(card.keyword(), card);
        return this;
    }

    /** Sets {@code card} unless its keyword is set already. */
    HeaderCards setIfAbsent(FitsCard card) {
        cards.putIfAbsent(card.keyword(), card);
        return this;
    }

    boolean has(String keyword) {
        return cards.containsKey(keyword);
    }

    List<FitsCard> cards() {
        return new ArrayList<>(cards.values());
    }

    /** The header as FITS bytes: the cards, END, blanks to the end of the last block. */
    byte[] bytes() {
        return bytes(cards.values().stream().map(FitsCard::image).toList());
    }

    /** Card images as FITS header bytes: the images, END, blanks to the end of the last block. */
    static byte[] bytes(List<String> images) {
        StringBuilder text = new StringBuilder();
        images.forEach(text::append);
        text.append(String.format(java.util.Locale.ROOT, "%-80s", "END"));
        int length = (text.length() + BLOCK - 1) / BLOCK * BLOCK;
        byte[] out = Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), length);
        Arrays.fill(out, text.length(), length, (byte) ' ');
        return out;
    }

    /** {@code bytes} rounded up to whole blocks. */
    static long padded(long bytes) {
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }
}
