package org.astrocloud.fits.tess;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.HduKind;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.fits.data.ElementType;
import org.astrocloud.fits.data.FitsDataReader;
import org.astrocloud.fits.data.ImageData;
import org.astrocloud.fits.data.Section;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.Coalescing;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Cuts a box of pixels out of every frame of a SPOC FFI cube and writes it as a target-pixel file
 * like TESScut's (astrocut's): the cube's three headers are walked, then the box is read in one
 * round of parallel range reads (one per row of the box, {@code width x 8 x frames} bytes each,
 * through {@link FitsDataReader#section}) while the frame table (HDU 2, one row per FFI) is read in
 * one more, and the file is built in memory.
 *
 * <pre>{@code
 * URI cube = URI.create("s3://stpubdata/tess/public/mast/tess-s0022-1-1-cube.fits");
 * TessCutout.create()
 *     .cut(cube, new CutoutBox(1045, 1001, 30, 30))     // centre column 1045, row 1001, 0-based
 *     .subscribe(tpf -> System.out.println(tpf.frames() + " frames in " + tpf.requests() + " requests"));
 * }</pre>
 *
 * <p>The file: a primary header with the cube's primary keywords and TESScut's target keywords
 * (RA_OBJ and DEC_OBJ at the centre pixel, the others 0 or empty); a PIXELS table of one row per
 * frame with TIME = (TSTART + TSTOP) / 2 of the frame's row (BTJD), TIMECORR = its BARYCORR,
 * CADENCENO 0 (the cube has none, as in TESScut), RAW_CNTS -1, FLUX and FLUX_ERR as
 * {@code height x width} float32 arrays (TDIM {@code (width,height)}), FLUX_BKG and FLUX_BKG_ERR 0,
 * QUALITY = DQUALITY, POS_CORR1/2 0 and FFI_FILE (as wide as the cube's column, where TESScut cuts
 * names to 38 characters); an APERTURE int32 image, 1 on the CCD and 0 off it. The WCS is the
 * linear (TAN) part of the middle frame's, as astrocut takes it, shifted to the cutout
 * ({@code CRPIX - first pixel}); SIP distortion is left out ({@link CutoutWcs}).
 *
 * <p>A box partly off the CCD is padded as astrocut pads it: the file still has
 * {@code width x height} pixels, NaN off the CCD; only the part on it is read. A box wholly off
 * it fails with {@link IllegalArgumentException}; so does a file that is not a SPOC cube (3 HDUs, a
 * float32 image of numpy shape (rows, columns, frames, 2), a table of one row per frame). Frame
 * rows with missing or odd values (NaN, zeros, no WCS) give NaN or 0 where they are used, and the
 * WCS comes from the next row that has one.
 *
 * <p>Immutable; nothing is read before subscription, nothing blocks; the file is built, and the
 * result signalled, on Reactor's parallel scheduler.
 */
public final class TessCutout {
    private final FitsScanner scanner;
    private final ByteRangeSources sources;
    private final Coalescing coalescing;

    private TessCutout(FitsScanner scanner, ByteRangeSources sources, Coalescing coalescing) {
        this.scanner = scanner;
        this.sources = sources;
        this.coalescing = coalescing;
    }

    /** A cutter with a default scanner, the installed sources and {@link Coalescing#defaults()}. */
    public static TessCutout create() {
        return new TessCutout(FitsScanner.create(), null, Coalescing.defaults());
    }

    /**
     * A copy that walks the headers with {@code scanner}'s settings (read-ahead, root map) and
     * passes its source options (HTTP headers, S3 settings) to every read.
     */
    public TessCutout scanner(FitsScanner scanner) {
        return new TessCutout(Objects.requireNonNull(scanner, "scanner"), sources, coalescing);
    }

    /** A copy that opens sources with {@code registry}. */
    public TessCutout sources(ByteRangeSources registry) {
        return new TessCutout(scanner, Objects.requireNonNull(registry, "registry"), coalescing);
    }

    /** A copy that plans the pixel reads with {@code coalescing}. */
    public TessCutout coalescing(Coalescing coalescing) {
        return new TessCutout(scanner, sources, Objects.requireNonNull(coalescing, "coalescing"));
    }

    /** The cutout {@code box} of {@code cube} as a target-pixel file. */
    public Mono<TargetPixelCutout> cut(URI cube, CutoutBox box) {
        Objects.requireNonNull(cube, "cube");
        Objects.requireNonNull(box, "box");
        return Mono.defer(() -> {
            CountingSources counted = CountingSources.over(sources == null ? ByteRangeSources.installed() : sources);
            FitsDataReader reader = FitsDataReader.create().sources(counted.registry()).options(scanner.options())
                    .coalescing(coalescing);
            return scanner.sources(counted.registry()).scan(cube).take(3).collectList()
                    .flatMap(headers -> cut(reader, cube, box, headers))
                    .map(file -> new TargetPixelCutout(file.uri(), box, file.frames(), file.clipped(), file.bytes(),
                            counted.requests(), counted.bytesRead()));
        });
    }

    /** The file and what it is. */
    private record Made(URI uri, int frames, boolean clipped, byte[] bytes) {
    }

    private Mono<Made> cut(FitsDataReader reader, URI cube, CutoutBox box, List<FitsHeader> headers) {
        DataReference pixels = checkCube(cube, headers);
        DataReference table = DataReference.of(headers.get(2));
        long[] shape = pixels.numpyShape();
        int rowFrom = Math.max(0, box.rowStart());
        int rowTo = (int) Math.min(shape[0], (long) box.rowStart() + box.height());
        int columnFrom = Math.max(0, box.columnStart());
        int columnTo = (int) Math.min(shape[1], (long) box.columnStart() + box.width());
        if (rowFrom >= rowTo || columnFrom >= columnTo) {
            throw new IllegalArgumentException("the box " + box + " lies outside the CCD of " + shape[0] + " rows and "
                    + shape[1] + " columns");
        }
        boolean clipped = rowTo - rowFrom < box.height() || columnTo - columnFrom < box.width();
        Mono<ImageData> read = reader.section(pixels, Section.of(Section.Slice.of(rowFrom, rowTo),
                Section.Slice.of(columnFrom, columnTo)));
        Mono<ByteBuffer> rows = reader.bytes(table)
                .reduce(ByteBuffer.allocate(Math.toIntExact(table.size())), (all, answer) -> all.put(answer.bytes()))
                .defaultIfEmpty(ByteBuffer.allocate(0))
                .map(ByteBuffer::flip);
        // building the file is megabytes of CPU work: off the I/O threads that delivered the reads
        return Mono.zip(read, rows).publishOn(Schedulers.parallel()).map(both -> {
            FrameTable frames = new FrameTable(table, both.getT2());
            CutoutPixels cutout = new CutoutPixels(box, rowFrom, columnFrom, both.getT1());
            Optional<CutoutWcs> wcs = CutoutWcs.of(frames, box.columnStart(), box.rowStart());
            byte[] file = new TpfWriter(cutout, frames, headers.get(2), wcs).write(headers.get(0));
            return new Made(pixels.uri(), frames.rows(), clipped, file);
        });
    }

    /** HDU 1's reference, once the three headers are those of a SPOC cube. */
    static DataReference checkCube(URI cube, List<FitsHeader> headers) {
        if (headers.size() < 3) {
            throw notACube(cube, "it has " + headers.size() + " HDUs, a cube has 3");
        }
        DataReference pixels = DataReference.of(headers.get(1));
        long[] shape = pixels.numpyShape();
        if (!pixels.isImage() || pixels.elementType().orElse(null) != ElementType.FLOAT32 || shape.length != 4
                || shape[3] != 2) {
            throw notACube(cube, "HDU 1 is not a float32 image of numpy shape (rows, columns, frames, 2)");
        }
        FitsHeader table = headers.get(2);
        if (table.kind() != HduKind.BINTABLE || DataReference.of(table).rows() != shape[2]) {
            throw notACube(cube, "HDU 2 is not a table of one row for each of the " + shape[2] + " frames");
        }
        return pixels;
    }

    private static IllegalArgumentException notACube(URI cube, String why) {
        return new IllegalArgumentException("not a SPOC FFI cube (" + Redaction.redact(cube)
                + "): " + why);
    }

    @Override
    public String toString() {
        return "TessCutout[" + scanner + ", " + coalescing + "]";
    }
}
