package org.astrocloud.fits.catalog.duckdb;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.Lock;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Opening DuckDB databases, and running blocking JDBC work off the caller's thread under a lock. */
final class Jdbc {
    private Jdbc() {
    }

    /** A connection to {@code file} (created if missing when writable), or to a new in-memory database when null. */
    static DuckDBConnection connect(Path file, boolean readOnly) {
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
        }
        String url = "jdbc:duckdb:" + (file == null ? "" : file.toAbsolutePath().toString());
        try {
            return (DuckDBConnection) DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw new CatalogAccessException("cannot open the catalog " + (file == null ? "in memory" : file) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Blocking JDBC work that answers a value. */
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** {@code work} in one transaction of {@code c}: committed when it returns, rolled back when it throws. */
    static <T> T transaction(java.sql.Connection c, SqlWork<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T answer = work.run();
            c.commit();
            return answer;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** {@code work} on a bounded-elastic thread holding {@code lock}; SQL errors as {@link CatalogAccessException}. */
    static <T> Mono<T> blocking(Lock lock, String what, Callable<T> work) {
        return Mono.fromCallable(() -> {
            lock.lock();
            try {
                return work.call();
            } catch (SQLException e) {
                throw new CatalogAccessException(what + ": " + e.getMessage(), e);
            } finally {
                lock.unlock();
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
