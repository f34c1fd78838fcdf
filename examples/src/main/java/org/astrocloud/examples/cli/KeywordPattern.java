package org.astrocloud.examples.cli;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;

/**
 * A keyword as the user names it on the command line, as astropy's {@code fitsheader} takes it:
 * upper or lower case, {@code *} for any characters and {@code ?} for one ({@code NAXIS*},
 * {@code TTYPE?}); HIERARCH keywords by their words ({@code ESO DET *}).
 */
record KeywordPattern(String text, Pattern regex) {

    static KeywordPattern of(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        StringBuilder re = new StringBuilder();
        for (char c : upper.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return new KeywordPattern(upper, Pattern.compile(re.toString()));
    }

    static List<KeywordPattern> of(List<String> texts) {
        return texts.stream().filter(t -> !t.isBlank()).map(KeywordPattern::of).toList();
    }

    /** Whether the pattern has a wildcard, so that it may name several keywords. */
    boolean isWildcard() {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    boolean matches(String keyword) {
        return regex.matcher(keyword).matches();
    }

    /** The cards of {@code header} this pattern names, in header order. */
    List<FitsCard> select(FitsHeader header) {
        return header.cards().stream().filter(c -> matches(c.keyword())).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
