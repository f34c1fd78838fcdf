package org.astrocloud.examples.cli;

import java.util.Locale;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;

/**
 * An HDU named on the command line as {@code fitsheader -e} takes it: its index ({@code 0}), its
 * EXTNAME ({@code PIXELS}, any case) or EXTNAME and EXTVER ({@code SCI,2}). A name selects the first
 * HDU that has it.
 */
record HduSelector(String text, Integer index, String name, Long version) {

    static HduSelector parse(String text) {
        String t = text.strip();
        if (t.matches("\\d+")) {
            return new HduSelector(t, Integer.valueOf(t), null, null);
        }
        int comma = t.lastIndexOf(',');
        if (comma > 0 && t.substring(comma + 1).strip().matches("\\d+")) {
            return new HduSelector(t, null, t.substring(0, comma).strip(), Long.valueOf(t.substring(comma + 1).strip()));
        }
        return new HduSelector(t, null, t, null);
    }

    boolean matches(FitsHeader h) {
        if (index != null) {
            return h.index() == index;
        }
        String extname = h.card("EXTNAME").flatMap(FitsCard::value).map(String::valueOf)
                .orElse(h.index() == 0 ? "PRIMARY" : "");
        if (!extname.strip().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))) {
            return false;
        }
        return version == null || h.longValue("EXTVER").orElse(1) == version;
    }
}
