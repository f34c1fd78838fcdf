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

    /** Four cubes in {@code catalog}: a (22, 1, 1, 40 frames), b (22, 2, 3, 41), c (23, 1, 1, 42), d (24, 4, 4, 43). */
    static DuckDbHeaderCatalog fourCubes(DuckDbHeaderCatalog catalog) {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        reactor.core.publisher.Flux.just(cube(URI.create("file:/a.fits"), 22, 1, 1, 40, now),
                        cube(URI.create("file:/b.fits"), 22, 2, 3, 41, now),
                        cube(URI.create("file:/c.fits"), 23, 1, 1, 42, now),
                        cube(URI.create("file:/d.fits"), 24, 4, 4, 43, now))
                .flatMap(catalog::store).blockLast(java.time.Duration.ofSeconds(30));
        return catalog;
    }
}
