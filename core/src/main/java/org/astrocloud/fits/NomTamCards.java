package org.astrocloud.fits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import nom.tam.fits.FitsFactory;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.HeaderCardException;
import nom.tam.util.FitsInputStream;

/**
 * Parses and renders card images with nom-tam-fits. The only class that touches nom-tam-fits.
 * Cards of the common forms are read by {@link StandardCards} first; nom-tam-fits reads the rest.
 *
 * <p>nom-tam-fits keeps its parser settings in global statics; this class never changes them.
 * Each call switches the calling thread to nom-tam's thread-local settings, sets what it needs
 * (HIERARCH and long strings on), and switches the thread back before returning.
 */
final class NomTamCards {
    private static final String CONTINUE = "CONTINUE";
    private static final String HIERARCH_PREFIX = "HIERARCH.";

    private NomTamCards() {
    }

    /**
     * Parses {@code cards} physical cards starting at {@code bytes[0]} into logical cards. A card
     * nom-tam-fits cannot read is kept with its image and keyword, without a value.
     */
    static List<FitsCard> parse(byte[] bytes, int cards) {
        return withLocalSettings(() -> {
            List<FitsCard> out = new ArrayList<>(cards);
            int i = 0;
            while (i < cards) {
                int n = 1 + continuationsOf(bytes, i, cards);
                FitsCard fast = n == 1 ? StandardCards.parse(bytes, i * FitsBlocks.CARD_SIZE) : null;
                // nom-tam reads each of the rest from a stream holding exactly its own cards, so that
                // it can never read into the next card (its long strings are joined as we group them)
                out.add(fast != null ? fast : parseCard(image(bytes, i, n)));
                i += n;
            }
            return out;
        });
    }

    private static String image(byte[] bytes, int card, int n) {
        return new String(bytes, card * FitsBlocks.CARD_SIZE, n * FitsBlocks.CARD_SIZE, StandardCharsets.ISO_8859_1);
    }

    private static FitsCard unreadable(String image) {
        return new FitsCard(image.substring(0, 8).trim(), null, null, image);
    }

    /** Renders a new card in the fixed format. */
    static FitsCard render(String keyword, Object value, String comment) {
        return withLocalSettings(() -> {
            try {
                HeaderCard card = newCard(keyword, value, comment);
                return parseCard(card.toString());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot write card " + keyword + ": " + e.getMessage(), e);
            }
        });
    }

    private static HeaderCard newCard(String keyword, Object value, String comment) throws HeaderCardException {
        if (value == null) {
            return new HeaderCard(keyword, (String) null, comment);
        }
        if (value instanceof Boolean b) {
            return new HeaderCard(keyword, b, comment);
        }
        if (value instanceof Number n) {
            return new HeaderCard(keyword, n, comment);
        }
        if (value instanceof String s) {
            return new HeaderCard(keyword, s, comment);
        }
        throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
    }

    /** How many CONTINUE cards follow card {@code i} as part of a long string. */
    private static int continuationsOf(byte[] bytes, int i, int cards) {
        int n = 0;
        int last = i;
        while (last + 1 < cards && isContinue(bytes, last + 1) && endsWithAmpersand(bytes, last)) {
            last++;
            n++;
        }
        return n;
    }

    private static boolean isContinue(byte[] bytes, int card) {
        int at = card * FitsBlocks.CARD_SIZE;
        for (int k = 0; k < CONTINUE.length(); k++) {
            if (bytes[at + k] != CONTINUE.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the string value on card {@code card} ends with the long-string marker {@code &'}. */
    private static boolean endsWithAmpersand(byte[] bytes, int card) {
        int at = card * FitsBlocks.CARD_SIZE;
        int end = at + FitsBlocks.CARD_SIZE;
        int q = -1;
        boolean inString = false;
        for (int k = at + 10; k < end; k++) {
            if (bytes[k] == '\'') {
                if (inString && k + 1 < end && bytes[k + 1] == '\'') {
                    k++;
                    continue;
                }
                inString = !inString;
                if (!inString) {
                    q = k;
                    break;
                }
            } else if (!inString && bytes[k] != ' ') {
                return false;
            }
        }
        return q > at + 10 && bytes[q - 1] == '&';
    }

    /** One logical card (a card and its CONTINUE cards) read by nom-tam-fits alone. */
    static FitsCard parseWithNomTam(String image) {
        return withLocalSettings(() -> parseCard(image));
    }

    private static FitsCard parseCard(String image) {
        try {
            byte[] bytes = image.getBytes(StandardCharsets.ISO_8859_1);
            return toCard(new HeaderCard(new FitsInputStream(new ByteArrayInputStream(bytes), bytes.length)), image);
        } catch (IOException | RuntimeException e) {
            return unreadable(image);
        }
    }

    private static FitsCard toCard(HeaderCard card, String image) {
        return new FitsCard(keywordOf(card), valueOf(card), commentOf(card), image);
    }

    private static String keywordOf(HeaderCard card) {
        String key = card.getKey();
        if (key.startsWith(HIERARCH_PREFIX)) {
            return key.substring(HIERARCH_PREFIX.length()).replace('.', ' ');
        }
        return key;
    }

    private static String commentOf(HeaderCard card) {
        if (card.isCommentStyleCard()) {
            return null;
        }
        String c = card.getComment();
        return c == null || c.isBlank() ? null : c.strip();
    }

    private static Object valueOf(HeaderCard card) {
        if (card.isCommentStyleCard()) {
            String text = card.getComment();
            return text == null ? "" : text;
        }
        Class<?> type = card.valueType();
        String raw = card.getValue();
        if (type == null || raw == null || (type != String.class && raw.isBlank())) {
            return null;
        }
        if (type == String.class) {
            return raw;
        }
        if (type == Boolean.class) {
            return card.getValue(Boolean.class, null);
        }
        if (type == BigInteger.class) {
            BigInteger big = card.getValue(BigInteger.class, null);
            return big != null && big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            return card.getValue(Long.class, null);
        }
        if (type == Float.class || type == Double.class || type == BigDecimal.class) {
            return card.getValue(Double.class, null);
        }
        return raw.strip();
    }

    private static <T> T withLocalSettings(Supplier<T> work) {
        FitsFactory.useThreadLocalSettings(true);
        try {
            FitsFactory.setUseHierarch(true);
            FitsFactory.setLongStringsEnabled(true);
            return work.get(); // non-blocking: a Supplier run in place
        } finally {
            FitsFactory.useThreadLocalSettings(false);
        }
    }
}
