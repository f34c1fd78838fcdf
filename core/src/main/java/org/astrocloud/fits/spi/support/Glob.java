package org.astrocloud.fits.spi.support;

import java.util.regex.Pattern;

/**
 * Glob patterns over object keys (S3 keys, GCS object names): {@code *} matches within one path
 * segment, {@code **} across segments, {@code ?} one character, {@code [abc]} a class
 * ({@code [!abc]} negated); everything else is literal. A provider lists the prefix before the first
 * wildcard and keeps the keys the pattern matches.
 *
 * <pre>{@code
 * String key = "tess/tess-s00*-1-1-cube.fits";
 * String prefix = key.substring(0, Glob.firstWildcard(key));        // "tess/tess-s00"
 * boolean hit = Glob.toRegex(key).matcher("tess/tess-s0022-1-1-cube.fits").matches();   // true
 * }</pre>
 */
public final class Glob {
    private Glob() {
    }

    /** The index of the first wildcard in {@code key}, or -1. */
    public static int firstWildcard(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return i;
            }
        }
        return -1;
    }

    /** The pattern that matches exactly the keys {@code glob} names. */
    public static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    re.append("\\[");
                } else {
                    String cls = glob.substring(i + 1, end).replace("\\", "\\\\").replace("[", "\\[");
                    // a negated class stays inside one segment, like ? and *
                    re.append('[').append(cls.startsWith("!") ? "^/" + cls.substring(1) : cls).append(']');
                    i = end;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
