package org.astrocloud.fits.catalog.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanOrigin;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.testkit.ParallelSource;
import org.astrocloud.testdata.TessFiles;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Scans through a DuckDB catalog on Reactor's non-blocking threads with BlockHound installed and
 * DuckDB's statement execution, commit and connection duplication marked as blocking (JNI calls
 * BlockHound would not see by itself): a catalog call on such a thread fails the test.
 */
class CatalogNonBlockingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    @BeforeAll
    static void installBlockHound() {
        ByteRangeSources.installed();   // reads the class path once, before BlockHound
        BlockHound.install(b -> b   // with the installed integrations (Reactor's non-blocking threads)
                .markAsBlocking(DuckDBPreparedStatement.class, "execute", "()Z")
                .markAsBlocking(DuckDBPreparedStatement.class, "execute", "(Ljava/lang/String;)Z")
                .markAsBlocking(DuckDBPreparedStatement.class, "executeQuery", "()Ljava/sql/ResultSet;")
                .markAsBlocking(DuckDBPreparedStatement.class, "executeQuery", "(Ljava/lang/String;)Ljava/sql/ResultSet;")
                .markAsBlocking(DuckDBPreparedStatement.class, "executeBatch", "()[I")
                .markAsBlocking(DuckDBConnection.class, "commit", "()V")
                .markAsBlocking(DuckDBConnection.class, "duplicate", "()Lorg/duckdb/DuckDBConnection;"));
    }

    @Test
    void duckDbCallsOnANonBlockingThreadAreCaught() {
        try (DuckDBConnection c = (DuckDBConnection) java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            StepVerifier.create(Mono.fromCallable(() -> {
                        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
                            return r.next();
                        }
                    }).subscribeOn(Schedulers.parallel()))
                    .expectError(BlockingOperationError.class)
                    .verify(TIMEOUT);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void scansStoresFindsAndSearchesNeverBlockTheCallersThread() {
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            uris.add(TessFiles.writeCube(dir.resolve("tess-s00" + (10 + i) + "-1-1-cube.fits"), 10 + i, 1, 1, 10).toUri());
        }
        DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.open(dir.resolve("c.duckdb"));
        try {
            FitsScanner scanner = FitsScanner.create().sources(ParallelSource.files()).catalog(catalog, Duration.ofHours(1));
            List<ScanResult> walked = Flux.defer(() -> scanner.scanAll(Flux.fromIterable(uris)))
                    .subscribeOn(Schedulers.parallel()).collectList().block(TIMEOUT);
            assertTrue(walked.stream().allMatch(r -> r.isOk() && r.origin() == ScanOrigin.WALKED), walked.toString());
            List<ScanResult> answered = Flux.defer(() -> scanner.scanAll(Flux.fromIterable(uris)))
                    .subscribeOn(Schedulers.parallel()).collectList().block(TIMEOUT);
            assertTrue(answered.stream().allMatch(r -> r.origin() == ScanOrigin.CATALOG), answered.toString());

            assertEquals(uris.get(0), Mono.defer(() -> catalog.find(uris.get(0))).subscribeOn(Schedulers.parallel())
                    .block(TIMEOUT).uri());
            Long rows = Mono.defer(() -> Mono.usingWhen(Mono.fromCallable(catalog::sql).subscribeOn(Schedulers.boundedElastic()),
                            q -> q.search(CatalogSearch.files().where("SECTOR>=20"), new CatalogQuery.RowHandler() {
                                @Override
                                public void columns(List<String> names, List<String> types) {
                                }

                                @Override
                                public void row(List<Object> values) {
                                }
                            }), CatalogQuery::close))
                    .subscribeOn(Schedulers.parallel()).block(TIMEOUT);
            assertEquals(2L, rows);   // sectors 20 and 21 of 10..21
        } finally {
            catalog.close().block(TIMEOUT);
        }
    }
}
