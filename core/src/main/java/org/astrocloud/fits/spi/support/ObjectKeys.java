package org.astrocloud.fits.spi.support;

import java.nio.charset.StandardCharsets;

/**
 * Object names (S3 keys, blob names, GCS object names) as URI paths: the one percent-encoding
 * every object-store source uses for the URLs it requests and the URIs it lists.
 *
 * <pre>{@code
 * ObjectKeys.encodePath("sector 22/x+y.fits");        // "sector%2022/x%2By.fits"
 * ObjectKeys.encodeComponent("sector 22/x+y.fits");   // "sector%2022%2Fx%2By.fits"
 * }</pre>
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** RFC 3986's unreserved characters and {@code /} as they are, every other byte of the UTF-8 name as {@code %XX}. */
    public static String encodePath(String name) {
        return encode(name, true);
    }

    /**
     * RFC 3986's unreserved characters as they are, every other byte of the UTF-8 text as {@code %XX}, {@code /}
     * too: a whole object name as one path segment (the GCS JSON API's {@code /o/OBJECT}) or a query value.
     */
    public static String encodeComponent(String text) {
        return encode(text, false);
    }

    private static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
                    || c == '~' || c == '/' && keepSlash) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
