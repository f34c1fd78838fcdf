package org.astrocloud.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.astrocloud.testdata.TessFiles;

/**
 * The benchmark's files: {@code cubes} full-size sparse sector-22 cubes and {@code ffis} calibrated
 * FFIs, as names in {@code base/tess/} (served by nginx as {@code /tess/NAME} and by s3proxy as
 * {@code s3://tess/NAME}), the FFIs spread evenly among the cubes. The names are hard links
 * to a few sparse files (ext4 allows 65,000 links per file, so a new file every 50,000 names).
 *
 * <p>{@link #ranges} is the bare clients' plan: the ranged GETs a header reader needs that reads
 * 64 KiB at each header it has not yet buffered, computed from the HDU offsets nom-tam-fits finds
 * in the local file (an independent reading of the layout); {@link #headers} are those offsets and
 * the headers' sizes, what a scan of the name must find.
 */
final class Workload {
    static final String BUCKET = "tess";
    static final int READ = 64 * 1024;
    private static final int NAMES_PER_FILE = 50_000;

    private final List<String> keys;
    private final List<List<long[]>> ranges;
    private final List<List<long[]>> headers;

    private Workload(List<String> keys, List<List<long[]>> ranges, List<List<long[]>> headers) {
        this.keys = keys;
        this.ranges = ranges;
        this.headers = headers;
    }

    /** The object names, in scan order. */
    List<String> keys() {
        return keys;
    }

    /** For the name at {@code i}: its GETs in order, each {@code {offset, length}}. */
    List<long[]> ranges(int i) {
        return ranges.get(i);
    }

    /** For the name at {@code i}: each HDU's {@code {headerOffset, headerSize}}, in order, as nom-tam-fits reads the file. */
    List<long[]> headers(int i) {
        return headers.get(i);
    }

    int files() {
        return keys.size();
    }

    static Workload create(Path base, int cubes, int ffis) throws IOException {
        Path sources = Files.createDirectories(base.resolve("sources"));
        Path bucket = Files.createDirectories(base.resolve(BUCKET));
        List<Path> cubeFiles = new ArrayList<>();
        List<Path> ffiFiles = new ArrayList<>();
        List<String> keys = new ArrayList<>(cubes + ffis);
        List<List<long[]>> ranges = new ArrayList<>(cubes + ffis);
        List<List<long[]>> headers = new ArrayList<>(cubes + ffis);
        Layout cubePlan = null;
        Layout ffiPlan = null;
        int total = cubes + ffis;
        int cube = 0;
        int ffi = 0;
        for (int i = 0; i < total; i++) {
            boolean takeFfi = (long) (i + 1) * ffis / total > (long) i * ffis / total;   // spread evenly
            String key;
            Path target;
            if (takeFfi) {
                key = String.format(Locale.ROOT, "tess-ffi-%06d-s0022-1-4-0174-s_ffic.fits", ffi);
                target = source(ffiFiles, sources, ffi++, "ffi", p -> TessFiles.writeFfi(p, 1, 4, TessFiles.FfiVariant.STANDARD));
                ffiPlan = ffiPlan != null ? ffiPlan : plan(target);
                ranges.add(ffiPlan.ranges());
                headers.add(ffiPlan.headers());
            } else {
                key = String.format(Locale.ROOT, "tess-s0022-cube-%06d.fits", cube);
                target = source(cubeFiles, sources, cube++, "cube",
                        p -> TessFiles.writeCube(p, 22, 1, 1, TessFiles.SECTOR_22_FFIS));
                cubePlan = cubePlan != null ? cubePlan : plan(target);
                ranges.add(cubePlan.ranges());
                headers.add(cubePlan.headers());
            }
            link(bucket.resolve(key), target);
            keys.add(key);
        }
        return new Workload(List.copyOf(keys), List.copyOf(ranges), List.copyOf(headers));
    }

    private static Path source(List<Path> made, Path dir, int nth, String kind, Consumer<Path> writer) {
        int group = nth / NAMES_PER_FILE;
        while (made.size() <= group) {
            Path p = dir.resolve(kind + "-" + made.size() + ".fits");
            if (!Files.exists(p)) {
                writer.accept(p);
            }
            made.add(p);
        }
        return made.get(group);
    }

    private static void link(Path name, Path target) throws IOException {
        if (Files.exists(name)) {
            if (Files.isSameFile(name, target)) {
                return;
            }
            Files.delete(name);
        }
        Files.createLink(name, target);
    }

    /** A file's GETs and its headers' offsets and sizes. */
    private record Layout(List<long[]> ranges, List<long[]> headers) {
    }

    /** 64 KiB at every header not inside the previous read, from nom-tam-fits' HDU offsets. */
    private static Layout plan(Path file) {
        long size;
        List<long[]> out = new ArrayList<>();
        List<long[]> hdus = new ArrayList<>();
        try (Fits fits = new Fits(file.toFile())) {
            size = Files.size(file);
            long coveredTo = 0;
            for (BasicHDU<?> hdu = fits.readHDU(); hdu != null; hdu = fits.readHDU()) {
                long at = hdu.getFileOffset();
                long end = hdu.getData().getFileOffset();   // where the data starts: the header's end
                hdus.add(new long[] {at, end - at});
                if (end > coveredTo) {
                    long length = Math.min(READ, size - at);
                    out.add(new long[] {at, length});
                    coveredTo = at + length;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FitsException e) {
            throw new IllegalStateException("nom-tam-fits cannot read " + file, e);
        }
        return new Layout(List.copyOf(out), List.copyOf(hdus));
    }
}
