package org.astrocloud.fits.catalog.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.StoredHeader;
import org.astrocloud.fits.spi.ObjectInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** Entries go in and come back byte for byte; cards are typed as FitsCard types them; versions are checked. */
class DuckDbHeaderCatalogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant SCANNED = Instant.parse("2026-12-01T10:00:00.123456Z");

    @TempDir
    Path dir;

    private static List<List<Object>> rows(DuckDbHeaderCatalog catalog, String sql) {
        CatalogQuery q = catalog.sql();
        try {
            return Rows.of(q, sql);
        } finally {
            q.close().block(TIMEOUT);
        }
    }

    @Test
    void storedEntriesComeBackByteForByteAfterAReopen() {
        Path file = dir.resolve("c.duckdb");
        URI cubeUri = URI.create("s3://bucket/tess-s0022-1-1-cube.fits?X-Amz-Signature=secret");
        CatalogEntry cube = TessEntries.cube(cubeUri, 22, 1, 1, 1248, SCANNED);
        CatalogEntry failed = new CatalogEntry(new ObjectInfo(URI.create("file:/data/broken.fits"), -1, null, null),
                SCANNED, List.of(cube.headers().get(0)), "gzip", "FitsFormatException: no END card",
                URI.create("s3://bucket/cube.fits"));
        CatalogEntry empty = new CatalogEntry(ObjectInfo.of(URI.create("https://h/x.fits")), SCANNED, List.of(),
                null, "FitsFormatException: not FITS", null);
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.open(file);
        Flux.just(cube, failed, empty).flatMap(catalog::store).blockLast(TIMEOUT);
        catalog.close().block(TIMEOUT);

        DuckDbHeaderCatalog reopened = DuckDbHeaderCatalog.open(file);
        try {
            for (CatalogEntry e : List.of(cube, failed, empty)) {
                CatalogEntry back = reopened.find(e.uri()).block(TIMEOUT);
                assertEquals(e, back);   // records: headers compared byte for byte (StoredHeader.equals)
                for (int i = 0; i < e.headers().size(); i++) {
                    assertArrayEquals(e.headers().get(i).bytes(), back.headers().get(i).bytes());
                }
            }
            assertNull(reopened.find(URI.create("file:/nothing.fits")).block(TIMEOUT));
            assertEquals(3, reopened.entries().count().block(TIMEOUT));
        } finally {
            reopened.close().block(TIMEOUT);
        }
    }

    @Test
    void cardsAreTypedAsFitsCardTypesThem() {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.inMemory();
        try {
            URI uri = URI.create("file:/cube.fits");
            CatalogEntry cube = TessEntries.cube(uri, 22, 3, 4, 100, SCANNED);
            catalog.store(cube).block(TIMEOUT);
            List<List<Object>> rows = rows(catalog, "SELECT hdu, seq, keyword, value_type, str_value, long_value,"
                    + " double_value, bool_value, comment, image FROM cards ORDER BY hdu, seq");
            List<FitsCard> expected = new ArrayList<>();
            List<Integer> hdus = new ArrayList<>();
            for (StoredHeader h : cube.headers()) {
                List<FitsCard> cards = FitsHeader.fromStored(uri, h, null, null).cards();
                expected.addAll(cards);
                cards.forEach(c -> hdus.add(h.index()));
            }
            assertEquals(expected.size(), rows.size());
            int seq = 0;
            for (int i = 0; i < rows.size(); i++) {
                List<Object> r = rows.get(i);
                FitsCard card = expected.get(i);
                seq = i > 0 && !hdus.get(i).equals(hdus.get(i - 1)) ? 0 : i == 0 ? 0 : seq + 1;
                assertEquals(hdus.get(i), r.get(0));
                assertEquals(seq, r.get(1));
                assertEquals(card.keyword(), r.get(2));
                assertEquals(card.image(), r.get(9));
                assertEquals(card.comment().orElse(null), r.get(8));
                Object v = card.value().orElse(null);
                String type = (String) r.get(3);
                if (card.text().isPresent()) {
                    assertEquals("text", type);
                    assertEquals(card.text().get(), r.get(4));
                } else if (v instanceof Long l) {
                    assertEquals("integer", type);
                    assertEquals(l, r.get(5));
                    assertEquals(l.doubleValue(), r.get(6));
                } else if (v instanceof Double d) {
                    assertEquals("real", type);
                    assertEquals(d, r.get(6));
                } else if (v instanceof Boolean b) {
                    assertEquals("logical", type);
                    assertEquals(b, r.get(7));
                } else if (v instanceof String s) {
                    assertEquals("string", type);
                    assertEquals(s, r.get(4));
                } else if (v instanceof BigInteger b) {
                    assertEquals("big_integer", type);
                    assertEquals(b.toString(), r.get(4));
                } else if (v == null) {
                    assertEquals("undefined", type);
                }
            }
            List<List<Object>> sector = rows(catalog, "SELECT long_value FROM cards WHERE keyword = 'SECTOR'");
            assertEquals(List.of(List.of(22L)), sector);
            List<List<Object>> types = rows(catalog, "SELECT DISTINCT value_type FROM cards ORDER BY 1");
            assertTrue(types.contains(List.of("logical")) && types.contains(List.of("real"))
                    && types.contains(List.of("string")) && types.contains(List.of("integer")), types.toString());
        } finally {
            catalog.close().block(TIMEOUT);
        }
    }

    @Test
    void hduRowsDescribeTheLayout() {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.inMemory();
        try {
            catalog.store(TessEntries.cube(URI.create("file:/cube.fits"), 22, 1, 1, 1248, SCANNED)).block(TIMEOUT);
            List<List<Object>> rows = rows(catalog, "SELECT hdu, kind, naxis, data_offset, header_size,"
                    + " data_ref->>'uri', octet_length(header) FROM hdus ORDER BY hdu");
            assertEquals(3, rows.size());
            assertEquals(List.of(0, "PRIMARY", List.of(), 2880L, 2880L, "file:/cube.fits", 2880L), rows.get(0));
            assertEquals(List.of(1, "IMAGE", List.of(2L, 1248L, 2136L, 2078L)), rows.get(1).subList(0, 3));
            assertEquals("BINTABLE", rows.get(2).get(1));
            assertEquals(List.of(List.of("ok", 3, "\"etag-22-1-1\"")),
                    rows(catalog, "SELECT outcome, hdu_count, etag FROM files"));
        } finally {
            catalog.close().block(TIMEOUT);
        }
    }

    @Test
    void storingAgainReplacesTheEntryAndItsRows() {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.inMemory();
        try {
            URI uri = URI.create("file:/cube.fits");
            catalog.store(TessEntries.cube(uri, 22, 1, 1, 100, SCANNED)).block(TIMEOUT);
            CatalogEntry changed = TessEntries.cube(uri, 23, 1, 1, 200, SCANNED.plusSeconds(60));
            catalog.store(changed).block(TIMEOUT);
            assertEquals(changed, catalog.find(uri).block(TIMEOUT));
            assertEquals(List.of(List.of(1L, 3L, 23L)), rows(catalog, "SELECT (SELECT count(*) FROM files),"
                    + " (SELECT count(*) FROM hdus), (SELECT long_value FROM cards WHERE keyword = 'SECTOR')"));
        } finally {
            catalog.close().block(TIMEOUT);
        }
    }

    @Test
    void manyConcurrentStoresAreAllKept() {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.inMemory();
        try {
            Flux.range(0, 300)
                    .flatMap(i -> catalog.store(TessEntries.cube(URI.create("file:/c" + (i % 250) + ".fits"), 22, 1,
                            1 + i % 4, 10, SCANNED)), 64)
                    .blockLast(TIMEOUT);
            assertEquals(250, catalog.entries().count().block(TIMEOUT));
            assertEquals(List.of(List.of(750L)), rows(catalog, "SELECT count(*) FROM hdus"));
        } finally {
            catalog.close().block(TIMEOUT);
        }
    }

    @Test
    void aCatalogOfANewerVersionIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("newer.duckdb");
        DuckDbHeaderCatalog.open(file).close().block(TIMEOUT);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, description) VALUES (99, 'from the future')");
        }
        CatalogSchemaException e = assertThrows(CatalogSchemaException.class, () -> DuckDbHeaderCatalog.open(file));
        assertEquals(99, e.foundVersion());
        assertEquals(Schema.CURRENT, e.supportedVersion());
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertThrows(CatalogSchemaException.class, () -> CatalogQuery.openReadOnly(file));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT max(version) FROM schema_version")) {
            r.next();
            assertEquals(99, r.getInt(1));
        }
    }

    @Test
    void aDatabaseThatIsNotACatalogIsRefused() throws Exception {
        Path file = dir.resolve("other.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INTEGER)");
        }
        CatalogSchemaException e = assertThrows(CatalogSchemaException.class, () -> DuckDbHeaderCatalog.open(file));
        assertEquals(-1, e.foundVersion());
        assertThrows(CatalogAccessException.class, () -> CatalogQuery.openReadOnly(dir.resolve("missing.duckdb")));
    }

    @Test
    void aCatalogOpenedReadOnlyAnswersRefusesStoresAndCanBeOpenedTwice() {
        Path file = dir.resolve("shared.duckdb");
        CatalogEntry cube = TessEntries.cube(URI.create("s3://b/tess-s0022-1-1-cube.fits"), 22, 1, 1, 10, SCANNED);
        DuckDbHeaderCatalog writer = DuckDbHeaderCatalog.open(file);
        writer.store(cube).block(TIMEOUT);
        writer.close().block(TIMEOUT);

        DuckDbHeaderCatalog one = DuckDbHeaderCatalog.openReadOnly(file);
        DuckDbHeaderCatalog two = DuckDbHeaderCatalog.openReadOnly(file);
        try {
            assertTrue(one.isReadOnly());
            assertFalse(writer.isReadOnly());
            assertEquals(cube, one.find(cube.uri()).block(TIMEOUT));
            assertEquals(cube, two.find(cube.uri()).block(TIMEOUT));
            assertThrows(UnsupportedOperationException.class, () -> one.store(cube).block(TIMEOUT));
            assertEquals(List.of(List.of(1L)), rows(one, "SELECT count(*) FROM files"));
        } finally {
            one.close().block(TIMEOUT);
            two.close().block(TIMEOUT);
        }
        assertThrows(CatalogAccessException.class, () -> DuckDbHeaderCatalog.openReadOnly(dir.resolve("missing.duckdb")));
    }

    @Test
    void aRenewalUpdatesTheObjectsRowAndRewritesNoHeader() {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.inMemory();
        try {
            CatalogEntry cube = TessEntries.cube(URI.create("s3://b/tess-s0022-1-1-cube.fits"), 22, 1, 1, 10, SCANNED);
            catalog.store(cube).block(TIMEOUT);
            List<List<Object>> cardsBefore = rows(catalog, "SELECT min(rowid), max(rowid), count(*) FROM cards");
            Instant later = SCANNED.plus(Duration.ofDays(3));
            Instant touched = Instant.parse("2021-01-01T00:00:00Z");
            CatalogEntry renewed = cube.revalidated(new ObjectInfo(cube.uri(), cube.object().size(),
                    cube.object().validator(), touched), later);
            catalog.renew(renewed).block(TIMEOUT);

            assertEquals(renewed, catalog.find(cube.uri()).block(TIMEOUT));
            assertEquals(later, catalog.find(cube.uri()).block(TIMEOUT).scannedAt());
            // the same card rows, not deleted and appended again (a store would give new row ids)
            assertEquals(cardsBefore, rows(catalog, "SELECT min(rowid), max(rowid), count(*) FROM cards"));

            CatalogEntry unknown = TessEntries.cube(URI.create("s3://b/tess-s0023-1-1-cube.fits"), 23, 1, 1, 10, later);
            catalog.renew(unknown).block(TIMEOUT);   // not catalogued (any more): stored whole
            assertEquals(unknown, catalog.find(unknown.uri()).block(TIMEOUT));
        } finally {
            catalog.close().block(TIMEOUT);
        }
    }

    @Test
    void aClosedCatalogSaysSo() {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.inMemory();
        catalog.close().block(TIMEOUT);
        catalog.close().block(TIMEOUT);
        assertThrows(IllegalStateException.class, () -> catalog.find(URI.create("file:/x")).block(TIMEOUT));
        assertFalse(catalog.toString().isEmpty());
    }

    @Test
    void aSiblingIsFoundByQuery() {
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.inMemory();
        try {
            CatalogEntry s22 = TessEntries.cube(URI.create("s3://b/tess-s0022-1-1-cube.fits"), 22, 1, 1, 10, SCANNED);
            catalog.store(s22).block(TIMEOUT);
            assertEquals(s22, catalog.sibling(URI.create("s3://b/tess-s0023-2-4-cube.fits")).block(TIMEOUT));
            assertNull(catalog.sibling(s22.uri()).block(TIMEOUT));
            assertNull(catalog.sibling(URI.create("s3://other/tess-s0023-2-4-cube.fits")).block(TIMEOUT));
        } finally {
            catalog.close().block(TIMEOUT);
        }
    }
}
