package org.astrocloud.fits.catalog.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wide views are typed from the cards; exports read back with read_parquet hold the same rows. */
class CatalogQueryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private DuckDbHeaderCatalog catalogOfFourCubes() {
        return TessEntries.fourCubes(DuckDbHeaderCatalog.inMemory());
    }

    @Test
    void wideColumnsAreTypedFromTheirCards() {
        DuckDbHeaderCatalog catalog = catalogOfFourCubes();
        CatalogQuery q = catalog.sql();
        try {
            q.wide(List.of("SECTOR", "camera", "NAXIS2", "EXTNAME", "NOSUCHKEY")).block(TIMEOUT);
            // the cube's table header has CAMERA = 'Camera number': a keyword of mixed types is text
            assertEquals(List.of(List.of("uri", "VARCHAR"), List.of("SECTOR", "BIGINT"), List.of("CAMERA", "VARCHAR"),
                            List.of("NAXIS2", "BIGINT"), List.of("EXTNAME", "VARCHAR"), List.of("NOSUCHKEY", "VARCHAR")),
                    Rows.of(q, "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'wide_files'"
                            + " ORDER BY column_index"));
            assertEquals(List.of(List.of("file:/a.fits", 22L, "1", 40L), List.of("file:/d.fits", 24L, "4", 43L)),
                    Rows.of(q, "SELECT uri, SECTOR, CAMERA, NAXIS2 FROM wide_files WHERE uri IN ('file:/a.fits',"
                            + " 'file:/d.fits') ORDER BY uri"));
            assertEquals(List.of(java.util.Arrays.asList(0, null), List.of(1, 40L), List.of(2, 40L)),
                    Rows.of(q, "SELECT hdu, NAXIS2 FROM wide WHERE uri = 'file:/a.fits' ORDER BY hdu"));
            assertThrows(IllegalArgumentException.class, () -> q.wide(List.of("uri")));
        } finally {
            q.close().block(TIMEOUT);
            catalog.close().block(TIMEOUT);
        }
    }

    @Test
    void aPartitionedExportReadsBackWithTheSameRows() {
        DuckDbHeaderCatalog catalog = catalogOfFourCubes();
        CatalogQuery q = catalog.sql();
        try {
            Path out = dir.resolve("export");
            CatalogQuery.Export e = q.exportParquet(out, List.of("SECTOR", "CAMERA")).block(TIMEOUT);
            assertEquals(List.of("SECTOR", "CAMERA"), e.partitionBy());
            assertEquals(4L, e.rows().get(0));
            assertEquals(12L, e.rows().get(1));
            assertTrue(Files.isDirectory(out.resolve("hdus/SECTOR=22/CAMERA=2")));
            String hdus = "read_parquet('" + out.resolve("hdus") + "/**/*.parquet', hive_partitioning = true)";
            assertEquals(List.of(List.of(22L, 2L, 6L), List.of(23L, 1L, 3L), List.of(24L, 1L, 3L)),
                    Rows.of(q, "SELECT SECTOR, count(DISTINCT CAMERA), count(*) FROM " + hdus
                            + " GROUP BY SECTOR ORDER BY SECTOR"));
            assertEquals(Rows.of(q, "SELECT uri, hdu, md5(header), naxis FROM hdus ORDER BY uri, hdu"),
                    Rows.of(q, "SELECT uri, hdu, md5(header), naxis FROM " + hdus + " ORDER BY uri, hdu"));
            String cards = "read_parquet('" + out.resolve("cards") + "/**/*.parquet', hive_partitioning = true)";
            assertEquals(Rows.of(q, "SELECT count(*), sum(long_value) FROM cards"),
                    Rows.of(q, "SELECT count(*), sum(long_value) FROM " + cards));
        } finally {
            q.close().block(TIMEOUT);
            catalog.close().block(TIMEOUT);
        }
    }
}
