package org.astrocloud.fits.catalog.duckdb;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.StoredHeader;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.testdata.TessFiles;

/** Catalog entries of synthetic TESS cubes, built from the header resources without a file. */
final class TessEntries {
    private TessEntries() {
    }

    static List<StoredHeader> cubeHeaders(int sector, int camera, int ccd, int ffis) {
        byte[] primary = TessFiles.header("cube-hdu0-primary.txt", "SECTOR", Integer.toString(sector),
                "CAMERA", Integer.toString(camera), "CCD", Integer.toString(ccd));
        byte[] image = TessFiles.header("cube-hdu1-image.txt", "NAXIS2", Integer.toString(ffis));
        byte[] table = TessFiles.header("cube-hdu2-table.txt", "NAXIS2", Integer.toString(ffis));
        long tableAt = primary.length + image.length + TessFiles.pad(TessFiles.CUBE_BYTES_PER_FFI * ffis);
        return List.of(new StoredHeader(0, 0, primary), new StoredHeader(1, primary.length, image),
                new StoredHeader(2, tableAt, table));
    }

    static CatalogEntry cube(URI uri, int sector, int camera, int ccd, int ffis, Instant scannedAt) {
        List<StoredHeader> headers = cubeHeaders(sector, camera, ccd, ffis);
        StoredHeader table = headers.get(2);
        long size = table.headerOffset() + table.bytes().length + TessFiles.pad((long) TessFiles.CUBE_TABLE_ROW_BYTES * ffis);
        return new CatalogEntry(new ObjectInfo(uri, size, "\"etag-" + sector + "-" + camera + "-" + ccd + "\"",
                Instant.parse("2020-03-01T12:34:56.789Z")), scannedAt, headers, null, null, null);
    }
}
