package org.astrocloud.examples;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.tess.CutoutBox;
import org.astrocloud.fits.tess.TargetPixelCutout;
import org.astrocloud.fits.tess.TessCutout;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The README's TESS cutout example, compiled here so it stays correct. Run with a cube URI or
 * path and an output file:
 * {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.CutTessCube cube.fits tpf.fits}.
 */
public final class CutTessCube {
    private CutTessCube() {
    }

    /** Cuts 30 x 30 pixels around FFI column 1045, row 1001 (0-based) out of every frame and writes the TPF. */
    public static void main(String[] args) {
        URI cube = args[0].contains(":") ? URI.create(args[0]) : Path.of(args[0]).toUri();
        Path out = Path.of(args[1]);

        TargetPixelCutout tpf = TessCutout.create()
                .scanner(FitsScanner.create())                      // its read-ahead, root map and source options
                .cut(cube, new CutoutBox(1045, 1001, 30, 30))       // centre (column, row), 0-based; width x height
                .flatMap(cut -> Mono.fromCallable(() -> write(cut.bytes(), out))
                        .subscribeOn(Schedulers.boundedElastic())   // file I/O off the I/O threads
                        .thenReturn(cut))
                .block(Duration.ofMinutes(2));
        System.out.printf("%d frames, %d bytes, %d requests, %d bytes read%n",
                tpf.frames(), tpf.size(), tpf.requests(), tpf.bytesRead());
    }

    private static Path write(ByteBuffer bytes, Path out) throws java.io.IOException {
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        }
        return out;
    }
}
