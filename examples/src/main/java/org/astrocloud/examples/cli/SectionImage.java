package org.astrocloud.examples.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.data.ImageData;
import org.astrocloud.fits.data.Section;

/**
 * An image section written as a FITS file of its own, as astropy's {@code Cutout2D} would write
 * it for the simple case: one primary HDU holding the stored values exactly (BITPIX, BZERO,
 * BSCALE and BLANK kept, so that the physical values are the same too), the other cards of the
 * HDU kept, NAXISn set to the section's shape, and every reference pixel ({@code CRPIXn} of the
 * primary and alternate WCSs) moved to the section's start. A step on axis j divides the reference
 * pixel's offset and multiplies column j of the pixel-to-world matrix ({@code CDi_j}, else
 * {@code PCi_j}, else {@code CDELTj}), so that each pixel keeps the sky position it had; steps
 * are refused for an HDU with distortion terms (SIP, lookup tables), which cannot be rescaled. An
 * index keeps its axis with length 1, so that the WCS keeps its axis numbers.
 */
final class SectionImage {
    private static final int BLOCK = 2880;
    private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND", "PCOUNT",
            "GCOUNT", "CHECKSUM", "DATASUM", "END", "INHERIT", "NEXTEND", "GROUPS");
    private static final Pattern NAXIS_N = Pattern.compile("NAXIS\\d+");
    private static final Pattern CRPIX = Pattern.compile("CRPIX(\\d+)([A-Z]?)");
    private static final Pattern CDELT = Pattern.compile("CDELT(\\d+)([A-Z]?)");
    private static final Pattern CD = Pattern.compile("CD(\\d+)_(\\d+)([A-Z]?)");
    private static final Pattern PC = Pattern.compile("PC(\\d+)_(\\d+)([A-Z]?)");
    private static final Pattern DISTORTION = Pattern.compile("(A|B|AP|BP)_ORDER|CPDIS\\d+|D2IMDIS\\d+|DP\\d+|DQ\\d+");

    /** Per axis in numpy order: the first index, how many, the step. */
    record Axes(long[] start, long[] count, long[] step) {
        /** The section to read: an index as a slice of one, so the axis stays. */
        Section reading() {
            Section.Slice[] slices = new Section.Slice[start.length];
            for (int k = 0; k < start.length; k++) {
                slices[k] = new Section.Slice(start[k], start[k] + (count[k] - 1) * step[k] + 1, step[k], false);
            }
            return Section.of(slices);
        }

        boolean stepped() {
            return Arrays.stream(step).anyMatch(s -> s != 1);
        }
    }

    private SectionImage() {
    }

    /**
     * {@code section} resolved against an image of numpy {@code shape} as numpy resolves it
     * (negative bounds from the end, bounds clipped, an index out of range refused).
     *
     * @throws IllegalArgumentException more axes than the image has, an index out of range, or no pixels
     */
    static Axes resolve(Section section, long[] shape) {
        Section.Resolved r = section.resolve(shape);
        long[] count = r.count();
        for (int k = 0; k < count.length; k++) {
            if (count[k] == 0) {
                throw new IllegalArgumentException("the section selects no pixels on axis " + k + " (of size " + shape[k] + ")");
            }
        }
        return new Axes(r.start(), count, r.step());
    }

    /**
     * The file: the header of {@code hdu} adapted to the section {@code axes} and the stored values
     * {@code values} read for it.
     *
     * @throws IllegalArgumentException a step on an HDU with distortion terms
     */
    static byte[] write(FitsHeader hdu, Axes axes, ImageData values) {
        int d = axes.start().length;
        if (axes.stepped()) {
            for (FitsCard c : hdu.cards()) {
                if (DISTORTION.matcher(c.keyword()).matches()) {
                    throw new IllegalArgumentException("HDU " + hdu.index() + " has distortion terms (" + c.keyword()
                            + "), which a section with a step cannot keep correct; use steps of 1");
                }
            }
        }
        Map<String, FitsCard> cards = new LinkedHashMap<>();
        put(cards, FitsCard.of("SIMPLE", true, "conforms to FITS standard"));
        put(cards, FitsCard.of("BITPIX", (long) hdu.bitpix(), "array data type"));
        put(cards, FitsCard.of("NAXIS", (long) d, "number of array dimensions"));
        for (int j = 1; j <= d; j++) {
            put(cards, FitsCard.of("NAXIS" + j, axes.count()[d - j], null));
        }
        Set<String> cdLetters = letters(hdu, CD, 3);
        Set<String> pcLetters = letters(hdu, PC, 3);
        for (FitsCard c : hdu.cards()) {
            String k = c.keyword();
            if (STRUCTURAL.contains(k) || NAXIS_N.matcher(k).matches()) {
                continue;
            }
            put(cards, adapted(c, axes, d, cdLetters, pcLetters));
        }
        // a step on an axis of the primary WCS scales its matrix column, which may be implied (FITS defaults)
        for (int j = 1; j <= d; j++) {
            long step = axes.step()[d - j];
            if (step == 1 || cdLetters.contains("") || hdu.card("CRPIX" + j).isEmpty() && hdu.card("CTYPE" + j).isEmpty()) {
                continue;
            }
            String implied = pcLetters.contains("") ? "PC" + j + "_" + j : "CDELT" + j;
            if (!cards.containsKey(implied)) {
                put(cards, FitsCard.of(implied, (double) step, "the section's step"));
            }
        }
        StringBuilder text = new StringBuilder();
        cards.values().forEach(c -> text.append(c.image()));
        text.append(String.format(Locale.ROOT, "%-80s", "END"));
        int headerLength = padded(text.length());
        ByteBuffer raw = values.rawBytes();
        int dataLength = padded(raw.remaining());
        byte[] out = new byte[headerLength + dataLength];
        byte[] header = text.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, out, 0, header.length);
        Arrays.fill(out, header.length, headerLength, (byte) ' ');
        raw.get(out, headerLength, raw.remaining());
        return out;
    }

    private static void put(Map<String, FitsCard> cards, FitsCard card) {
        String key = card.isCommentary() ? card.keyword() + "#" + cards.size() : card.keyword();
        cards.put(key, card);
    }

    /** The WCS letters ("" for the primary WCS) that have cards matching {@code pattern}, the letter in {@code group}. */
    private static Set<String> letters(FitsHeader hdu, Pattern pattern, int group) {
        Set<String> out = new HashSet<>();
        for (FitsCard c : hdu.cards()) {
            Matcher m = pattern.matcher(c.keyword());
            if (m.matches()) {
                out.add(m.group(group));
            }
        }
        return out;
    }

    /**
     * {@code card}, its value changed when it is a reference pixel of a moved axis, or the pixel
     * scale of a stepped axis j: column j of CDi_j, else of PCi_j, else CDELTj.
     */
    private static FitsCard adapted(FitsCard card, Axes axes, int d, Set<String> cdLetters, Set<String> pcLetters) {
        String k = card.keyword();
        if (card.doubleValue().isEmpty()) {
            return card;
        }
        double value = card.doubleValue().getAsDouble();
        Matcher m = CRPIX.matcher(k);
        if (m.matches()) {
            int j = Integer.parseInt(m.group(1));
            return j < 1 || j > d ? card
                    : changed(card, (value - axes.start()[d - j] - 1) / axes.step()[d - j] + 1);
        }
        int column = -1;
        if ((m = CD.matcher(k)).matches()) {
            column = Integer.parseInt(m.group(2));
        } else if ((m = PC.matcher(k)).matches() && !cdLetters.contains(m.group(3))) {
            column = Integer.parseInt(m.group(2));
        } else if ((m = CDELT.matcher(k)).matches() && !cdLetters.contains(m.group(2)) && !pcLetters.contains(m.group(2))) {
            column = Integer.parseInt(m.group(1));
        }
        return column < 1 || column > d || axes.step()[d - column] == 1 ? card
                : changed(card, value * axes.step()[d - column]);
    }

    private static FitsCard changed(FitsCard card, double value) {
        return FitsCard.of(card.keyword(), value, card.comment().orElse(null));
    }

    private static int padded(long bytes) {
        return Math.toIntExact((bytes + BLOCK - 1) / BLOCK * BLOCK);
    }
}
