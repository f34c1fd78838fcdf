package org.astrocloud.fits;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.astrocloud.fits.internal.cards.NomTamCards;
import org.astrocloud.fits.internal.cards.ParsedCard;

/**
 * Fuzzes the card readers and the card writer: any card bytes read into logical cards that cover
 * exactly the physical cards, without an exception; a card {@link FitsCard#of} writes reads back
 * with the keyword, value and comment it was given. Regression inputs live in
 * {@code src/test/resources/org/astrocloud/fits/FitsCardFuzzTestInputs/<method>/}.
 */
class FitsCardFuzzTest {
    private static final int CARD = 80;
    private static final int MAX_CARDS = 72;
    private static final String KEYWORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    /**
     * Any bytes, as whole cards (the last one padded with blanks): every physical card belongs to
     * exactly one logical card, in order, and every card reads without an exception.
     */
    @FuzzTest(maxDuration = "5m")
    void anyCardsReadWithoutException(byte[] input) {
        int cards = Math.min(MAX_CARDS, (input.length + CARD - 1) / CARD);
        byte[] bytes = Arrays.copyOf(input, cards * CARD);
        Arrays.fill(bytes, Math.min(input.length, bytes.length), bytes.length, (byte) ' ');
        List<ParsedCard> parsed = NomTamCards.parse(bytes, cards);
        StringBuilder images = new StringBuilder();
        for (ParsedCard p : parsed) {
            FitsCard c = FitsCard.from(p);
            check(c.image().length() % CARD == 0 && c.physicalCards() == c.image().length() / CARD,
                    "image of " + c.physicalCards() + " cards: " + c.image().length() + " characters");
            c.value();
            c.comment();
            c.toString();
            images.append(c.image());
        }
        check(images.toString().equals(new String(bytes, StandardCharsets.ISO_8859_1)),
                "the cards' images are not the bytes read");
    }

    /** A card written by {@link FitsCard#of} (when it can be written) reads back with what it was given. */
    @FuzzTest(maxDuration = "5m")
    void writtenCardsReadBackAsGiven(FuzzedDataProvider data) {
        String keyword = keyword(data);
        Object value = switch (data.consumeInt(0, 4)) {
            case 0 -> data.consumeBoolean();
            case 1 -> data.consumeLong();
            case 2 -> data.consumeRegularDouble();
            case 3 -> data.consumeAsciiString(100);
            default -> null;
        };
        String comment = data.consumeBoolean() ? data.consumeAsciiString(80) : null;
        FitsCard written;
        try {
            written = FitsCard.of(keyword, value, comment);
        } catch (IllegalArgumentException cannotBeWritten) {
            return;
        }
        byte[] image = written.image().getBytes(StandardCharsets.ISO_8859_1);
        List<ParsedCard> read = NomTamCards.parse(image, image.length / CARD);
        check(read.size() == 1, "one card written (" + describe(value) + ", comment " + comment + "), " + read.size()
                + " read: " + written.image());
        FitsCard back = FitsCard.from(read.get(0));
        check(back.keyword().equals(keyword), "keyword " + keyword + " read as " + back.keyword());
        Object expected = value instanceof String s ? s.stripTrailing() : value;
        check(Objects.equals(back.value().orElse(null), expected), "value " + describe(value) + " read as "
                + describe(back.value().orElse(null)) + ": " + written.image());
        check(back.comment().isEmpty() || comment != null && back.comment().get().equals(comment.strip()),
                "comment " + comment + " read as " + back.comment() + ": " + written.image());
        check(back.equals(written), "read back " + back + ", written " + written);
    }

    /** A keyword of 1-8 of the characters FITS allows. */
    private static String keyword(FuzzedDataProvider data) {
        byte[] b = data.consumeBytes(data.consumeInt(1, 8));
        StringBuilder k = new StringBuilder();
        for (byte x : b) {
            k.append(KEYWORD_CHARS.charAt((x & 0xff) % KEYWORD_CHARS.length()));
        }
        return k.length() == 0 ? "KEY" : k.toString();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }
}
