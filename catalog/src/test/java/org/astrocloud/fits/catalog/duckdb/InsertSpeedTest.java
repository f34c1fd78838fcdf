package org.astrocloud.fits.catalog.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * Stores N entries of a TESS cube's 3 headers (about 560 cards each) as a scan would (64 at once)
 * and prints the time and the file's size; then finds each of them again (64 at once), as a scan
 * within the ttl does, and prints that time. N is 1,000 in the build; {@code -Dcatalog.insert.entries=10000}
 * for the figure in the README.
 */
class InsertSpeedTest {
    @TempDir
    Path dir;

    @Test
    void storesTessCubeEntriesInBatches() throws Exception {
        int n = Integer.getInteger("catalog.insert.entries", 1000);
        Path file = dir.resolve("speed.duckdb");
        Instant now = Instant.now();
        List<CatalogEntry> entries = Flux.range(0, n)
                .map(i -> TessEntries.cube(URI.create("s3://stpubdata/tess/public/mast/s" + i + "/tess-s0022-"
                        + (1 + i % 4) + "-" + (1 + i / 4 % 4) + "-cube.fits"), 1 + i % 70, 1 + i % 4, 1 + i / 4 % 4,
                        1000 + i % 300, now))
                .collectList().block();
        long p0 = System.nanoTime();
        for (CatalogEntry e : entries) {
            for (var h : e.headers()) {
                var fh = org.astrocloud.fits.FitsHeader.fromStored(e.uri(), h, null, null);
                fh.cards().forEach(CardColumns::of);
                org.astrocloud.fits.data.DataReference.of(fh).toJson(false);
            }
        }
        System.out.printf("parse only: %.2f s%n", (System.nanoTime() - p0) / 1e9);
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.open(file);
        long start = System.nanoTime();
        Flux.fromIterable(entries).flatMap(catalog::store, 64).blockLast(Duration.ofMinutes(10));
        double stored = (System.nanoTime() - start) / 1e9;
        catalog.close().block();
        double closed = (System.nanoTime() - start) / 1e9;
        long size = Files.size(file);
        CatalogQuery q = CatalogQuery.openReadOnly(file);
        List<List<Object>> counts = Rows.of(q, "SELECT (SELECT count(*) FROM files), (SELECT count(*) FROM cards)");
        q.close().block();
        assertEquals((long) n, counts.get(0).get(0));
        System.out.printf(Locale.ROOT, "catalog insert: %d entries, %d cards in %.2f s (%.2f s with the checkpoint):"
                        + " %.0f entries/s; file %.1f MB (%.1f KB per entry)%n", n, (Long) counts.get(0).get(1), stored,
                closed, n / closed, size / 1e6, size / 1e3 / n);

        DuckDbHeaderCatalog reopened = DuckDbHeaderCatalog.open(file);   // a scan within the ttl: one find per object
        long f0 = System.nanoTime();
        long found = Flux.fromIterable(entries).flatMap(e -> reopened.find(e.uri()), 64).count()
                .block(Duration.ofMinutes(10));
        double finding = (System.nanoTime() - f0) / 1e9;
        reopened.close().block();
        assertEquals((long) n, found);
        System.out.printf(Locale.ROOT, "catalog find: %d entries in %.2f s: %.0f finds/s%n", n, finding, n / finding);
    }
}
