package org.astrocloud.fits.data;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.astrocloud.fits.FitsHeader;

/**
 * Which HDU of a file a download takes: its index (0 is the primary HDU), or the first HDU whose
 * {@code EXTNAME} is {@code name} (any case; the primary HDU answers to {@code PRIMARY} when it has
 * no EXTNAME), optionally with this {@code EXTVER} (1 when absent, as the standard defines).
 *
 * <pre>{@code
 * HduSelection.index(2);              // the third HDU
 * HduSelection.named("PIXELS");       // the first HDU with EXTNAME = 'PIXELS'
 * HduSelection.named("SCI", 2);       // EXTNAME = 'SCI' and EXTVER = 2
 * }</pre>
 *
 * @param index the index, or -1 when selecting by name
 * @param name the EXTNAME, or {@code null} when selecting by index
 * @param version the EXTVER wanted, or {@code null} for any
 */
public record HduSelection(int index, String name, Long version) {

    /** Checks that exactly one of index and name is given. */
    public HduSelection {
        if ((index < 0) == (name == null)) {
            throw new IllegalArgumentException("an HDU is selected by an index of at least 0 or by a name, not both");
        }
        if (version != null && name == null) {
            throw new IllegalArgumentException("EXTVER selects among HDUs of one EXTNAME");
        }
    }

    /** The HDU at {@code index}. */
    public static HduSelection index(int index) {
        return new HduSelection(index, null, null);
    }

    /** The first HDU named {@code extname}. */
    public static HduSelection named(String extname) {
        return new HduSelection(-1, Objects.requireNonNull(extname, "extname").strip(), null);
    }

    /** The first HDU named {@code extname} with EXTVER {@code extver}. */
    public static HduSelection named(String extname, long extver) {
        return new HduSelection(-1, Objects.requireNonNull(extname, "extname").strip(), extver);
    }

    /** Whether {@code header} is the HDU selected. */
    public boolean matches(FitsHeader header) {
        if (name == null) {
            return header.index() == index;
        }
        String extname = header.stringValue("EXTNAME").map(String::strip)
                .orElse(header.index() == 0 ? "PRIMARY" : null);
        boolean named = extname != null && extname.toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT));
        OptionalLong extver = header.longValue("EXTVER");
        return named && (version == null || (extver.isPresent() ? extver.getAsLong() : 1L) == version);
    }

    @Override
    public String toString() {
        return name == null ? Integer.toString(index) : version == null ? name : name + "," + version;
    }
}
