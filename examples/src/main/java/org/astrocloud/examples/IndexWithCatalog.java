package org.astrocloud.examples;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.catalog.HeaderCatalog;
import org.astrocloud.fits.catalog.InMemoryHeaderCatalog;
import org.astrocloud.fits.catalog.duckdb.CatalogQuery;
import org.astrocloud.fits.catalog.duckdb.CatalogSearch;
import org.astrocloud.fits.catalog.duckdb.DuckDbHeaderCatalog;
import org.astrocloud.fits.tess.TessCubeCatalog;
import reactor.core.publisher.Flux;

/**
 * The README's catalog example, compiled here so that it stays correct. Run with a directory of
 * FITS files: {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.IndexWithCatalog DIR}.
 */
public final class IndexWithCatalog {
    private IndexWithCatalog() {
    }

    /** Scans a directory twice through one catalog: the second time answers from it. */
    public static void main(String[] args) {
        URI dir = Path.of(args[0]).toUri();
        HeaderCatalog catalog = InMemoryHeaderCatalog.create();
        FitsScanner scanner = FitsScanner.create().catalog(catalog, Duration.ofDays(1));

        for (int round = 1; round <= 2; round++) {
            long requests = scanner.scanAllObjects(scanner.list(dir))      // listed with size, ETag, mtime
                    .map(ScanResult::requests)
                    .reduce(0L, Long::sum)
                    .block(Duration.ofMinutes(5));
            System.out.println("round " + round + ": " + requests + " requests");   // round 2: 0
        }
        long fromCatalog = scanner.scanAll(Flux.just(dir.resolve("missing.fits")))
                .filter(ScanResult::fromCatalog).count().block(Duration.ofMinutes(1));
        System.out.println(fromCatalog + " from the catalog");
    }

    /** The same catalog on disk: one DuckDB file that `fits-scan query` and `export` read. */
    static void onDisk(Path file, URI prefix) {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.open(file);
        FitsScanner scanner = FitsScanner.create().catalog(catalog, Duration.ofDays(1));
        scanner.scanAllObjects(scanner.list(prefix)).blockLast(Duration.ofHours(1));
        catalog.close().block(Duration.ofMinutes(1));
    }

    /** A sector's FFI headers from its cube's frame table: the walk and one read instead of 2,400+ requests. */
    static void ffisFromTheirCube(URI cube, HeaderCatalog catalog) {
        int stored = TessCubeCatalog.create().store(cube, catalog).block(Duration.ofMinutes(5));   // 1248 for sector 22
        System.out.println(stored + " FFI headers, derived from " + cube);
    }

    /** Every camera-4 cube of sectors 20 and later, newest first: a search without SQL, every value a parameter. */
    static void search(Path file) {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.openReadOnly(file);   // others may read it too
        CatalogQuery q = catalog.sql();
        CatalogSearch search = CatalogSearch.files()
                .select("SECTOR", "CAMERA", "CCD")
                .where("CAMERA=4").where("SECTOR", CatalogSearch.Op.GE, "20")
                .uriPrefix("s3://stpubdata/tess/public/mast/")
                .orderBy("SECTOR", true)
                .limit(100);
        q.search(search, new CatalogQuery.RowHandler() {
            @Override
            public void columns(List<String> names, List<String> types) {
                System.out.println(names);                                    // [uri, SECTOR, CAMERA, CCD]
            }

            @Override
            public void row(List<Object> values) {
                System.out.println(values);
            }
        }).then(q.close()).then(catalog.close()).block(Duration.ofMinutes(1));
    }
}
