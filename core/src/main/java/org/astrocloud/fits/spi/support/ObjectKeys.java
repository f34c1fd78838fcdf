package org.astrocloud.fits.spi.support;

import java.nio.charset.StandardCharsets;

/**
 * Object names (S3 keys, blob names, GCS object names) as URI paths: the one percent-encoding
 * every object-store source uses for the URLs it requests and the URIs it lists.
 *
 * <pre>{@code
 * ObjectKeys.encodePath("sector 22/x+y.fits");   // "sector%2022/x%2By.fits"
 * }</pre>
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** RFC 3986's unreserved characters and {@code /} as they are, every other byte of the UTF-8 name as {@code %XX}. */
    public static String encodePath(String name) {
        StringBuilder out = new StringBuilder(name.length() + 16);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
                    || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
