package org.astrocloud.fits.tess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.InMemoryHeaderCatalog;
import org.astrocloud.fits.data.FitsDataReader;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.RecordingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.astrocloud.testdata.TessCubeContent;
import org.astrocloud.testdata.TessFfiSeries;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * The extension-1 headers derived from a cube's frame table are those of its FFIs: 16 synthetic
 * FFIs of the standard 183-card profile with per-file times, BARYCORR, DQUALITY, WCS, CHECKSUM and
 * DATASUM, and cubes whose table rows hold exactly their values (logicals as D, as in the archive,
 * and as J, as astrocut 1.x writes them). Compared card by card with a scan of each FFI's HDU 1:
 * the keyword, the typed value (reals exactly: a D cell holds the double the FFI's card reads as)
 * and the comment, except the structural XTENSION..GCOUNT, whose comments the cube does not keep.
 * FFI 5 lacks BARYCORR (its cell is NaN, astrocut's fill) and its derived header lacks it too.
 */
class TessCubeCatalogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int FFIS = 16;
    private static final int MISSING = 5;
    private static final Set<String> STRUCTURAL = Set.of("XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "PCOUNT",
            "GCOUNT");

    @TempDir
    static Path root;
    static TessFfiSeries series;
    static Path cube;
    static Path cubeJ;
    static List<Path> ffis = new ArrayList<>();

    @BeforeAll
    static void write() throws Exception {
        series = TessFfiSeries.of(22, 1, 1, FFIS);
        for (int i = 0; i < FFIS; i++) {
            ffis.add(series.writeFfi(root, i, cal(i)));
        }
        cube = series.writeCube(root, TessFiles.LogicalColumns.DOUBLE, TessCubeCatalogTest::cal);
        cubeJ = series.writeCube(Files.createDirectories(root.resolve("new")), TessFiles.LogicalColumns.INTEGER,
                TessCubeCatalogTest::cal);
    }

    private static Map<String, Object> cal(int i) {
        Map<String, Object> values = series.cal(i);
        if (i == MISSING) {
            values.put("BARYCORR", null);
        }
        return values;
    }

    @Test
    void theDerivedHeadersAreTheFfisOwnKeywordForKeyword() {
        List<CatalogEntry> entries = TessCubeCatalog.create().entries(cube.toUri()).collectList().block(TIMEOUT);
        assertEquals(FFIS, entries.size());
        for (int i = 0; i < FFIS; i++) {
            CatalogEntry e = entries.get(i);
            assertEquals(ffis.get(i).toUri(), e.uri(), "the archive layout beside the cube's mast/ directory");
            assertEquals(cube.toUri(), e.derivedFrom());
            assertEquals(-1, e.object().size());
            assertTrue(e.isOk());
            assertSameKeywords(ffis.get(i), e, "FFI " + i);
        }
    }

    @Test
    void logicalsStoredAsIntegersAreRestoredToo() {
        // the FFIs are beside the first cube: place them by that cube's layout
        FfiLocator there = (c, name) -> FfiLocator.archiveLayout().locate(cube.toUri(), name);
        List<CatalogEntry> entries = TessCubeCatalog.create().locator(there).entries(cubeJ.toUri()).collectList()
                .block(TIMEOUT);
        assertEquals(FFIS, entries.size());
        for (int i = 0; i < FFIS; i++) {
            assertEquals(cubeJ.toUri(), entries.get(i).derivedFrom());
            assertSameKeywords(ffis.get(i), entries.get(i), "FFI " + i + " (J logicals)");
        }
    }

    @Test
    void theQuirkyColumnsHoldTheFfisValuesAndTheTableHeaderTheirComments() {
        FitsHeader table = FitsScanner.create().scan(cube.toUri()).elementAt(2).block(TIMEOUT);
        // the table header: EXTNAME, EXTVER, CHECKSUM, DATASUM hold the FFI's comments, not values
        assertEquals("name of extension", table.stringValue("EXTNAME").orElseThrow());
        assertEquals("extension version number (not format version)", table.stringValue("EXTVER").orElseThrow());
        assertTrue(table.stringValue("CHECKSUM").orElseThrow().startsWith("HDU checksum"));

        List<FitsHeader> derived = TessCubeCatalog.create().entries(cube.toUri())
                .map(e -> FitsHeader.fromStored(e.uri(), e.headers().get(0), null, null)).collectList().block(TIMEOUT);
        FitsHeader first = derived.get(0);
        assertEquals("CAMERA.CCD 1.1 cal", first.stringValue("EXTNAME").orElseThrow());
        assertEquals("name of extension", first.card("EXTNAME").flatMap(FitsCard::comment).orElseThrow());
        assertEquals(1L, first.longValue("EXTVER").orElseThrow());
        assertEquals(Boolean.TRUE, first.booleanValue("INHERIT").orElseThrow());
        assertEquals(Boolean.FALSE, first.booleanValue("BACKAPP").orElseThrow());
        assertEquals("IMAGE", first.stringValue("XTENSION").orElseThrow());
        assertTrue(first.card("XTENSION").flatMap(FitsCard::comment).isEmpty(), "the cube keeps no structural comments");
        assertEquals(series.cal(0).get("CHECKSUM"), first.stringValue("CHECKSUM").orElseThrow());
        assertNotEquals(first.stringValue("CHECKSUM"), derived.get(1).stringValue("CHECKSUM"), "each FFI's own");
        assertEquals(series.cal(3).get("DATASUM"), derived.get(3).stringValue("DATASUM").orElseThrow());
        assertFalse(derived.get(MISSING).card("BARYCORR").isPresent(), "NaN: the FFI lacked it");
        assertTrue(derived.get(MISSING + 1).card("BARYCORR").isPresent());
        // the layout it implies: HDU 1 after a one-block primary, the data after 6 header blocks
        assertEquals(2880, first.headerOffset());
        assertEquals(20_160, first.dataOffset());
        assertEquals(List.of(2136L, 2078L), first.naxis());
    }

    @Test
    void storedEntriesComeBackAndParse() {
        InMemoryHeaderCatalog catalog = InMemoryHeaderCatalog.create();
        StepVerifier.create(TessCubeCatalog.create().store(cube.toUri(), catalog)).expectNext(FFIS).verifyComplete();
        assertEquals(FFIS, catalog.size());
        for (int i = 0; i < FFIS; i++) {
            CatalogEntry e = catalog.find(ffis.get(i).toUri()).block(TIMEOUT);
            assertEquals(cube.toUri(), e.derivation().orElseThrow());
            assertEquals(1, e.headers().size());
            assertEquals(1, e.headers().get(0).index());
            assertEquals(2880, e.headers().get(0).headerOffset());
            assertSameKeywords(ffis.get(i), e, "stored FFI " + i);
        }
    }

    @Test
    void aSector22CubeIsItsWalkAndOneReadOfTheTable() {
        int n = TessFiles.SECTOR_22_FFIS;
        TessFfiSeries sector = TessFfiSeries.of(22, 1, 1, n);
        Path big = sector.writeCube(root.resolve("s22"), TessFiles.LogicalColumns.DOUBLE);
        List<RecordingSource> opened = new CopyOnWriteArrayList<>();
        ByteRangeSources sources = ByteRangeSources.of(List.of(new TestProvider("file", uri -> {
            RecordingSource source = new RecordingSource(ByteRangeSources.installed().get(uri, SourceOptions.empty()));
            opened.add(source);
            return source;
        })));
        FitsScanner scanner = FitsScanner.create().sources(sources);
        scanner.scan(big.toUri()).take(3).blockLast(TIMEOUT);
        int walk = opened.stream().mapToInt(s -> s.ranges().size()).sum();
        opened.clear();

        List<CatalogEntry> entries = TessCubeCatalog.create().scanner(scanner)
                .reader(FitsDataReader.create().sources(sources)).entries(big.toUri()).collectList().block(TIMEOUT);

        assertEquals(n, entries.size());
        List<ByteRange> reads = opened.stream().flatMap(s -> s.ranges().stream()).toList();
        assertTrue(walk >= 1 && walk <= 2, "the walk took " + walk + " reads");
        assertEquals(walk + 1, reads.size(), reads::toString);
        long table = (long) TessFiles.CUBE_TABLE_ROW_BYTES * n;
        assertEquals(1_599_936, table);
        assertTrue(reads.contains(ByteRange.of(TessCubeContent.tableDataOffset(n), table)), reads::toString);
        FitsHeader last = FitsHeader.fromStored(entries.get(n - 1).uri(), entries.get(n - 1).headers().get(0), null,
                null);
        assertEquals(sector.cal(n - 1).get("TSTART"), last.doubleValue("TSTART").orElseThrow());
        assertEquals(URI.create(big.getParent().getParent().toUri() + sector.directory(n - 1) + sector.fileName(n - 1)),
                entries.get(n - 1).uri());
    }

    @Test
    void aFileThatIsNotACubeFails() {
        StepVerifier.create(TessCubeCatalog.create().entries(ffis.get(0).toUri()))
                .expectErrorSatisfies(e -> assertTrue(e.getMessage().startsWith("not a SPOC FFI cube"), e.toString()))
                .verify(TIMEOUT);
    }

    @Test
    void theArchiveLayoutPlacesAnFfiByItsName() {
        URI cubeUri = URI.create("s3://stpubdata/tess/public/mast/tess-s0022-1-1-cube.fits");
        String name = "tess2020050192921-s0022-1-1-0174-s_ffic.fits";
        assertEquals(URI.create("s3://stpubdata/tess/public/ffi/s0022/2020/050/1-1/" + name),
                FfiLocator.archiveLayout().locate(cubeUri, name));
        assertEquals(URI.create("https://example.org/cubes/ffi/s0022/2020/050/1-1/" + name),
                FfiLocator.archiveLayout().locate(URI.create("https://example.org/cubes/c.fits"), name));
        assertEquals(URI.create("s3://stpubdata/tess/public/mast/" + name), FfiLocator.besideCube().locate(cubeUri, name));
        try {
            FfiLocator.archiveLayout().locate(cubeUri, "other.fits");
            throw new AssertionError("a name without a timestamp was placed");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("other.fits"));
        }
    }

    /** The derived header's cards equal the FFI's HDU 1 cards: keyword, typed value, comment. */
    private static void assertSameKeywords(Path ffi, CatalogEntry entry, String what) {
        FitsHeader scanned = FitsScanner.create().scan(ffi.toUri()).elementAt(1).block(TIMEOUT);
        FitsHeader derived = FitsHeader.fromStored(entry.uri(), entry.headers().get(0), null, null);
        List<String> keywords = scanned.cards().stream().map(FitsCard::keyword).toList();
        assertEquals(keywords, derived.cards().stream().map(FitsCard::keyword).toList(), what + ": keywords in order");
        Map<String, FitsCard> mine = derived.cards().stream()
                .collect(Collectors.toMap(FitsCard::keyword, c -> c, (a, b) -> a, HashMap::new));
        for (FitsCard expected : scanned.cards()) {
            FitsCard actual = mine.get(expected.keyword());
            assertEquals(expected.value(), actual.value(), what + ": value of " + expected.keyword());
            assertEquals(expected.value().map(Object::getClass), actual.value().map(Object::getClass),
                    what + ": type of " + expected.keyword());
            if (STRUCTURAL.contains(expected.keyword())) {
                assertTrue(actual.comment().isEmpty(), what + ": " + actual);
            } else {
                assertEquals(expected.comment(), actual.comment(), what + ": comment of " + expected.keyword());
            }
        }
        assertEquals(scanned.headerOffset(), derived.headerOffset());
        assertEquals(scanned.dataOffset(), derived.dataOffset());
    }
}
