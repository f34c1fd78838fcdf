package org.astrocloud.fits.tess;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an FFI lies, given the cube it was found in and its name in the cube's {@code FFI_FILE}
 * column: the cube holds only the file's name, so its location follows from the archive's layout.
 *
 * <p>{@link #archiveLayout()}, the default, is the MAST layout of the TESS bucket: cubes at
 * {@code .../tess/public/mast/tess-s0022-1-1-cube.fits}, FFIs at
 * {@code .../tess/public/ffi/s{SSSS}/{yyyy}/{ddd}/{C}-{D}/{name}}, the year, the day of the year,
 * the sector, camera and CCD taken from the name ({@code tess{yyyy}{ddd}{hhmmss}-s{SSSS}-{C}-{D}-...}).
 * {@link #besideCube()} puts the FFI in the cube's directory.
 *
 * <pre>{@code
 * URI cube = URI.create("s3://stpubdata/tess/public/mast/tess-s0022-1-1-cube.fits");
 * FfiLocator.archiveLayout().locate(cube, "tess2020050192921-s0022-1-1-0174-s_ffic.fits");
 * // s3://stpubdata/tess/public/ffi/s0022/2020/050/1-1/tess2020050192921-s0022-1-1-0174-s_ffic.fits
 * }</pre>
 */
@FunctionalInterface
public interface FfiLocator {

    /**
     * The URI of the FFI named {@code ffiFile} in the cube at {@code cube}.
     *
     * @throws IllegalArgumentException when the name does not say where the file is
     */
    URI locate(URI cube, String ffiFile);

    /**
     * The archive's layout: {@code ffi/s{SSSS}/{yyyy}/{ddd}/{C}-{D}/} beside the cube's {@code mast/}
     * directory (or, when the cube is not in one named {@code mast}, beside the cube itself).
     * Names not of the form {@code tess{yyyy}{ddd}{hhmmss}-s{SSSS}-{C}-{D}-...} fail.
     */
    static FfiLocator archiveLayout() {
        Pattern name = Pattern.compile("tess(\\d{4})(\\d{3})\\d{6}-s(\\d{4})-(\\d)-(\\d)-.*");
        return (cube, ffiFile) -> {
            Matcher m = name.matcher(ffiFile);
            if (!m.matches()) {
                throw new IllegalArgumentException("not an FFI name of the form tess{yyyy}{ddd}{hhmmss}-s{SSSS}-{C}-{D}-...: "
                        + ffiFile);
            }
            URI dir = cube.resolve(".");
            String path = dir.getRawPath();
            URI base = path != null && path.endsWith("/mast/") ? dir.resolve("..") : dir;
            return base.resolve("ffi/s" + m.group(3) + "/" + m.group(1) + "/" + m.group(2) + "/" + m.group(4) + "-"
                    + m.group(5) + "/" + ffiFile);
        };
    }

    /** The FFI in the cube's directory. */
    static FfiLocator besideCube() {
        return (cube, ffiFile) -> cube.resolve(".").resolve(ffiFile);
    }
}
