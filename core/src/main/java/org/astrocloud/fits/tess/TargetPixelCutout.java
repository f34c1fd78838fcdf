package org.astrocloud.fits.tess;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.astrocloud.fits.error.Redaction;

/**
 * A cutout of a TESS cube as a target-pixel file in memory, with what it took to make it.
 *
 * <pre>{@code
 * TargetPixelCutout tpf = TessCutout.create().cut(cube, new CutoutBox(1045, 1001, 30, 30)).block();
 * tpf.frames();      // 1248
 * tpf.requests();    // 33: 2 header reads, 30 pixel rows, 1 frame table
 * try (FileChannel out = FileChannel.open(path, CREATE, WRITE)) { out.write(tpf.bytes()); }
 * }</pre>
 */
public final class TargetPixelCutout {
    private final URI cube;
    private final CutoutBox box;
    private final int frames;
    private final boolean clipped;
    private final byte[] file;
    private final long requests;
    private final long bytesRead;

    TargetPixelCutout(URI cube, CutoutBox box, int frames, boolean clipped, byte[] file, long requests, long bytesRead) {
        this.cube = Objects.requireNonNull(cube, "cube");
        this.box = box;
        this.frames = frames;
        this.clipped = clipped;
        this.file = file;
        this.requests = requests;
        this.bytesRead = bytesRead;
    }

    /** The cube cut (after the scanner's root map). */
    public URI cube() {
        return cube;
    }

    /** The box asked for. */
    public CutoutBox box() {
        return box;
    }

    /** Frames (rows of the PIXELS table). */
    public int frames() {
        return frames;
    }

    /** True when part of the box lies outside the CCD (those pixels are NaN, with APERTURE 0). */
    public boolean clipped() {
        return clipped;
    }

    /** The FITS file, read-only. */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(file).asReadOnlyBuffer();
    }

    /** The file's length in bytes. */
    public int size() {
        return file.length;
    }

    /** Requests made to storage: the header walk, the pixel rows and the frame table, retries included. */
    public long requests() {
        return requests;
    }

    /** Bytes received from storage. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public String toString() {
        return "TargetPixelCutout[" + Redaction.redact(cube) + " " + box + ", " + frames + " frames, " + file.length
                + " bytes, " + requests + " requests, " + bytesRead + " bytes read]";
    }
}
