package org.astrocloud.fits.catalog.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Searches over four catalogued cubes whose keywords the test chose (TessEntries: sector, camera,
 * CCD, frames): conditions typed by the column, prefixes, order, pages, and input that would be SQL.
 */
class CatalogSearchTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DuckDbHeaderCatalog catalog;
    private CatalogQuery q;
    private final List<String> columns = new ArrayList<>();

    @BeforeEach
    void fourCubes() {
        catalog = TessEntries.fourCubes(DuckDbHeaderCatalog.inMemory());
        q = catalog.sql();
    }

    @AfterEach
    void close() {
        q.close().block(TIMEOUT);
        catalog.close().block(TIMEOUT);
    }

    private List<List<Object>> rows(CatalogSearch search) {
        List<List<Object>> rows = new ArrayList<>();
        columns.clear();
        q.search(search, new CatalogQuery.RowHandler() {
            @Override
            public void columns(List<String> names, List<String> types) {
                columns.addAll(names);
            }

            @Override
            public void row(List<Object> values) {
                rows.add(values);
            }
        }).block(TIMEOUT);
        return rows;
    }

    private List<Object> uris(CatalogSearch search) {
        return rows(search).stream().map(r -> r.get(0)).toList();
    }

    @Test
    void conditionsCompareInTheKeywordsType() {
        assertEquals(List.of(List.of("file:/c.fits", 23L, 42L), List.of("file:/d.fits", 24L, 43L)),
                rows(CatalogSearch.files().select("SECTOR", "naxis2").where("SECTOR>=23")));
        assertEquals(List.of("uri", "SECTOR", "NAXIS2"), columns);
        // an integer column against a fraction compares as numbers; a D exponent is a FITS number
        assertEquals(List.of("file:/a.fits", "file:/c.fits"),
                uris(CatalogSearch.files().where("NAXIS2", CatalogSearch.Op.LT, "42.5").where("CCD=1")));
        assertEquals(List.of("file:/c.fits", "file:/d.fits"),
                uris(CatalogSearch.files().where("SECTOR", CatalogSearch.Op.GE, "2.25D1").where("NAXIS2!=41")));
        assertEquals(List.of("file:/a.fits", "file:/b.fits"),
                uris(CatalogSearch.files().where("SECTOR<23").where("SECTOR>21").where("SECTOR<=22")));
        assertEquals(List.of("file:/b.fits"), uris(CatalogSearch.files().where("EXTNAME=PRIMARY ").where("NAXIS2=41")));
        assertEquals(List.of(), uris(CatalogSearch.files().where("NOSUCHKEY=1")));
        // CAMERA is text (the table header's CAMERA = 'Camera number'); numbers still compare as numbers
        assertEquals(List.of(List.of("file:/d.fits", "4")), rows(CatalogSearch.files().select("CAMERA").where("CAMERA=4.0")));
        assertEquals(List.of("file:/b.fits", "file:/d.fits"), uris(CatalogSearch.files().where("CAMERA>=2")));
        assertEquals(List.of("file:/a.fits", "file:/c.fits"), uris(CatalogSearch.files().where("CAMERA<2")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rows(CatalogSearch.files().where("SECTOR=twenty-two")));
        assertTrue(e.getMessage().contains("SECTOR holds integers"), e.getMessage());
    }

    @Test
    void prefixesOrderAndPages() {
        assertEquals(List.of("file:/b.fits"), uris(CatalogSearch.files().uriPrefix("file:/b").where("SECTOR=22")));
        assertEquals(List.of("file:/a.fits", "file:/c.fits"),
                uris(CatalogSearch.files().uriPrefixAnyOf(List.of("file:/a", "file:/c"))));
        assertEquals(List.of(), uris(CatalogSearch.files().uriPrefixAnyOf(List.of())));
        assertEquals(List.of(), uris(CatalogSearch.files().uriPrefixAnyOf(List.of("file:/a")).uriPrefix("file:/c")));
        CatalogSearch bySector = CatalogSearch.files().select("SECTOR").orderBy("sector", true);
        assertEquals(List.of("file:/d.fits", "file:/c.fits", "file:/a.fits", "file:/b.fits"), uris(bySector));
        assertEquals(List.of("file:/c.fits", "file:/a.fits"), uris(bySector.limit(2).offset(1)));
        assertEquals(List.of("file:/d.fits", "file:/c.fits"), uris(CatalogSearch.files().orderBy("uri", true).limit(2)));
    }

    @Test
    void aSearchOfHdusHasARowPerHdu() {
        assertEquals(List.of(List.of("file:/a.fits", 1, 40L), List.of("file:/a.fits", 2, 40L)),
                rows(CatalogSearch.hdus().select("NAXIS2").where("NAXIS2=40")));
        assertEquals(List.of("uri", "hdu", "NAXIS2"), columns);
        assertEquals(List.of(List.of("file:/d.fits", 2), List.of("file:/d.fits", 1), List.of("file:/d.fits", 0)),
                rows(CatalogSearch.hdus().uriPrefix("file:/d").orderBy("hdu", true)));
        assertThrows(IllegalArgumentException.class, () -> rows(CatalogSearch.files().orderBy("hdu", false)));
    }

    @Test
    void whatWouldBeSqlIsAValueOrRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CatalogSearch.files().select("SECTOR\" FROM files; DROP TABLE files; --"));
        assertThrows(IllegalArgumentException.class, () -> CatalogSearch.files().where("SECTOR'=1"));
        assertThrows(IllegalArgumentException.class, () -> CatalogSearch.files().orderBy("uri; DROP TABLE files", false));
        assertThrows(IllegalArgumentException.class, () -> CatalogSearch.files().select("uri"));
        assertThrows(IllegalArgumentException.class, () -> CatalogSearch.files().where("no operator"));
        assertThrows(IllegalArgumentException.class, () -> CatalogSearch.files().limit(0));
        assertThrows(IllegalArgumentException.class, () -> rows(CatalogSearch.files().where("SECTOR=22' OR '1'='1")));
        assertEquals(List.of(), uris(CatalogSearch.files().where("EXTNAME=x' OR '1'='1")));
        assertEquals(List.of(), uris(CatalogSearch.files().uriPrefix("' OR true --")));
        assertEquals(List.of(List.of(4L)), Rows.of(q, "SELECT count(*) FROM files"));
    }
}
