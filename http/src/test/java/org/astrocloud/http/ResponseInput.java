package org.astrocloud.http;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.astrocloud.fits.spi.ByteRange;

/**
 * A fuzz input for the interpretation of an answer, as text (ISO-8859-1, so any byte is a
 * character): a first line {@code status offset length smallObjectLimit} (a missing or unreadable
 * number takes the value of {@code 206 0 2880 1048576}), then one header a line,
 * {@code name:value}, the name and value as they are (blanks, NULs, any case, any length). The
 * headers are not validated, as a lenient server or proxy could send them.
 *
 * @param status the status code
 * @param range the range asked for
 * @param smallObjectLimit the largest 200 accepted as the whole object
 * @param headers the answer's headers
 */
record ResponseInput(int status, ByteRange range, long smallObjectLimit, HttpHeaders headers) {
    private static final long[] DEFAULTS = {206, 0, 2880, 1 << 20};

    /** Reads {@code input}. */
    static ResponseInput of(byte[] input) {
        String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
        String[] words = lines[0].trim().split(" +");
        long[] n = DEFAULTS.clone();
        for (int i = 0; i < Math.min(words.length, n.length); i++) {
            try {
                n[i] = Long.parseLong(words[i]);
            } catch (NumberFormatException e) {
                // the default stays
            }
        }
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon >= 0) {
                headers.add(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
        }
        long offset = Math.floorMod(n[1], Long.MAX_VALUE / 2);
        long length = 1 + Math.floorMod(n[2], Long.MAX_VALUE / 2);
        return new ResponseInput((int) n[0], ByteRange.of(offset, length), n[3], headers);
    }
}
