package org.astrocloud.fits.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a finished download did.
 *
 * <pre>{@code
 * DownloadResult r = downloads.get(uri).hdu(HduSelection.index(1)).writeTo(Path.of("hdu1.fits")).block();
 * System.out.println(r.size() + " bytes, " + r.requests() + " requests, " + r.bytesRead() + " bytes read");
 * }</pre>
 *
 * @param path the file written, or {@code null} when written to a {@link ChunkSink}
 * @param size the output's size in bytes
 * @param bytesWritten the bytes this run wrote (less than {@code size} when it resumed a part)
 * @param resumedFrom how many bytes of an earlier run's part this run kept (0 when it started afresh)
 * @param restarted whether an earlier part was dropped because the object had changed since
 * @param requests the requests sent to the source, the walk to the HDU included
 * @param bytesRead the bytes received from the source, the walk to the HDU included
 * @param objectSize the object's size when the source told it, else -1
 * @param validator the object's validator (its ETag) when the source gave one
 */
public record DownloadResult(Path path, long size, long bytesWritten, long resumedFrom, boolean restarted,
                             long requests, long bytesRead, long objectSize, Optional<String> validator) {
}
