package org.astrocloud.fits.data;

import java.util.OptionalLong;

/**
 * How far a download is: the bytes in the output so far (a resumed download starts at the part's
 * length) out of the total, once known.
 *
 * <pre>{@code
 * downloads.get(uri).onProgress(p -> bar.stepTo(p.done())).writeTo(out);
 * }</pre>
 *
 * @param done bytes in the output so far
 * @param total the output's final size, or -1 while unknown (a whole object before its first bytes)
 */
public record DownloadProgress(long done, long total) {

    /** The total, when known. */
    public OptionalLong knownTotal() {
        return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }
}
