package org.astrocloud.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanOrigin;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.catalog.HeaderCatalog;
import org.astrocloud.fits.catalog.InMemoryHeaderCatalog;
import org.astrocloud.fits.catalog.duckdb.DuckDbHeaderCatalog;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.s3.S3Credentials;
import org.astrocloud.s3.S3Options;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.testdata.TessFiles;
import reactor.core.publisher.Flux;

/**
 * Indexing with a catalog, phase by phase, in one JVM with one catalog (in memory, or a DuckDB file
 * when a sixth argument names one, replaced if it exists): a fresh index
 * (every object walked), the same again within the ttl, again with revalidation (ttl 0), and again
 * after 1% of the objects were replaced. Requests and bytes per phase are read from the latency
 * proxy's counters. Over HTTP the objects come from a URL list; over S3 from the bucket's listing.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.IndexPhases http URL_LIST CONTROL_PORT BUCKET_DIR C [CATALOG.duckdb]
 * java -cp bench/target/benchmarks.jar -Dbench.s3Endpoint=http://127.0.0.1:PORT org.astrocloud.bench.IndexPhases s3 s3://tess/ CONTROL_PORT BUCKET_DIR C
 * </pre>
 */
public final class IndexPhases {
    private IndexPhases() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int control = Integer.parseInt(args[2]);
        Path bucket = Path.of(args[3]);
        int c = Integer.parseInt(args[4]);
        List<URI> uris = kind.equals("http") ? Files.readAllLines(Path.of(args[1])).stream().map(URI::create).toList() : null;
        URI prefix = kind.equals("s3") ? URI.create(args[1]) : null;
        HeaderCatalog catalog;
        if (args.length > 5) {
            Files.deleteIfExists(Path.of(args[5]));
            Files.deleteIfExists(Path.of(args[5] + ".wal"));
            catalog = DuckDbHeaderCatalog.open(Path.of(args[5]));
        } else {
            catalog = InMemoryHeaderCatalog.create();
        }
        FitsScanner base = FitsScanner.create().concurrency(c).option(HttpOptions.MAX_CONNECTIONS_PER_HOST, c);
        if (System.getProperty("bench.s3Endpoint") != null) {
            base = base.option(S3Options.ENDPOINT, URI.create(System.getProperty("bench.s3Endpoint")))
                    .option(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS);
        }
        System.out.println("| phase | files | walked | from the catalog | revalidated | failed | requests | MB down | s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        phase("fresh index (no catalog entries)", base.catalog(catalog, Duration.ofHours(1)), uris, prefix, control);
        phase("again, within the ttl", base.catalog(catalog, Duration.ofHours(1)), uris, prefix, control);
        phase("again, revalidated (ttl 0)", base.catalog(catalog, Duration.ZERO), uris, prefix, control);
        int changed = replaceOnePercent(bucket);
        phase("again after " + changed + " objects were replaced (ttl 0)", base.catalog(catalog, Duration.ZERO), uris, prefix,
                control);
        catalog.close().block(Duration.ofMinutes(5));
        ByteRangeSources.installed().close();
        System.exit(0);
    }

    private static void phase(String name, FitsScanner scanner, List<URI> uris, URI prefix, int control) throws Exception {
        long[] before = LatencyProxy.stats(control);
        long start = System.nanoTime();
        AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
        Flux<ScanResult> results = uris != null ? scanner.scanAll(Flux.fromIterable(uris))
                : scanner.scanAllObjects(scanner.list(prefix));
        results.doOnNext(r -> {
            counts[0].incrementAndGet();
            counts[r.origin() == ScanOrigin.WALKED ? 1 : r.origin() == ScanOrigin.CATALOG ? 2 : 3].incrementAndGet();
            if (!r.isOk()) {
                counts[4].incrementAndGet();
            }
        }).blockLast(Duration.ofHours(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] after = LatencyProxy.stats(control);
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %.2f | %.2f |%n", name, counts[0].get(),
                counts[1].get(), counts[2].get(), counts[3].get(), counts[4].get(), after[0] - before[0],
                (after[2] - before[2]) / 1e6, seconds);
    }

    /** Replaces every 100th object by a new file (another camera: other bytes, a new modification time). */
    private static int replaceOnePercent(Path bucket) throws Exception {
        List<Path> names;
        try (var listing = Files.list(bucket)) {
            names = listing.filter(p -> p.getFileName().toString().contains("cube")).sorted().toList();
        }
        Path fresh = bucket.resolveSibling("sources").resolve("cube-replaced.fits");
        Files.deleteIfExists(fresh);
        TessFiles.writeCube(fresh, 22, 2, 1, TessFiles.SECTOR_22_FFIS);
        int changed = 0;
        for (int i = 0; i < names.size(); i += 100) {
            Files.delete(names.get(i));
            Files.createLink(names.get(i), fresh);
            changed++;
        }
        Thread.sleep(1100);   // modification times have a resolution of a second in some listings
        return changed;
    }
}
