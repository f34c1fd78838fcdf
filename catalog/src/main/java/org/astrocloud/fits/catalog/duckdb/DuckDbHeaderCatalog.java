package org.astrocloud.fits.catalog.duckdb;

import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.HeaderCatalog;
import org.duckdb.DuckDBConnection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link HeaderCatalog} in one DuckDB file: tables {@code files}, {@code hdus} (with each header's
 * bytes) and {@code cards} (every card typed), to query with SQL ({@link #sql()},
 * {@link CatalogQuery}) and export to Parquet. Entries come back byte for byte: {@link #find} rebuilds
 * them from the stored header bytes, the cards are derived for queries.
 *
 * <p>Every call runs on {@link Schedulers#boundedElastic()}, never on the caller's thread, and is
 * safe from many threads: one connection writes (stores that arrive together are committed in one
 * transaction), a {@link DuckDBConnection#duplicate() duplicate} reads, each under its own lock;
 * {@link #entries()} reads from a duplicate of its own, one snapshot. URIs are stored exactly as
 * the scanner resolved them, secrets included, so that later scans find their entries: keep the
 * file as private as the inputs (the CLI's {@code query} masks them on output).
 *
 * <pre>{@code
 * DuckDbHeaderCatalog catalog = DuckDbHeaderCatalog.open(Path.of("headers.duckdb"));
 * FitsScanner scanner = FitsScanner.create().catalog(catalog, Duration.ofDays(1));
 * scanner.scanAllObjects(scanner.list(URI.create("s3://bucket/sector22/"))).blockLast();
 * catalog.close().block();
 * }</pre>
 */
public final class DuckDbHeaderCatalog implements HeaderCatalog {
    /** Entries written in one transaction at most. */
    private static final int MAX_BATCH = 512;

    private final DuckDBConnection writer;
    private final DuckDBConnection reader;
    private final Lock writeLock = new ReentrantLock();
    private final Lock readLock = new ReentrantLock();
    private final StoreQueue stores;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String name;

    private DuckDbHeaderCatalog(DuckDBConnection writer, String name) throws SQLException {
        this.writer = writer;
        this.reader = writer.duplicate();
        this.name = name;
        this.stores = new StoreQueue(Schedulers.boundedElastic(), MAX_BATCH, batch -> {
            writeLock.lock();
            try {
                checkOpen();
                EntryWriter.write(writer, batch);
            } finally {
                writeLock.unlock();
            }
        });
    }

    /**
     * Opens the catalog in {@code file}, creating it, or migrating an older schema, as needed. Blocking
     * (it opens a database): call it before a reactive pipeline, not inside one.
     *
     * @throws CatalogSchemaException the file was written by a newer version, or is not a catalog
     * @throws CatalogAccessException the file cannot be opened (another process holds it, say)
     */
    public static DuckDbHeaderCatalog open(Path file) {
        return create(Jdbc.connect(Objects.requireNonNull(file, "file"), false), file.toString());
    }

    /** A catalog in memory, gone when closed. */
    public static DuckDbHeaderCatalog inMemory() {
        return create(Jdbc.connect(null, false), ":memory:");
    }

    private static DuckDbHeaderCatalog create(DuckDBConnection c, String name) {
        try {
            Schema.prepare(c, false);
            return new DuckDbHeaderCatalog(c, name);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SQLException s) {
                throw new CatalogAccessException("cannot prepare the catalog " + name + ": " + s.getMessage(), s);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public Mono<CatalogEntry> find(URI uri) {
        Objects.requireNonNull(uri, "uri");
        return Jdbc.blocking(readLock, "finding " + uri, () -> {
            checkOpen();
            return EntryReader.find(reader, uri).orElse(null);
        });
    }

    /** A catalogued sibling of {@code uri} ({@link HeaderCatalog#siblingKey}), found with one query. */
    @Override
    public Mono<CatalogEntry> sibling(URI uri) {
        Objects.requireNonNull(uri, "uri");
        return Jdbc.blocking(readLock, "finding a sibling of " + uri, () -> {
            checkOpen();
            return EntryReader.sibling(reader, uri).orElse(null);
        });
    }

    /** Stores {@code entry}; completes when the transaction holding it is committed. */
    @Override
    public Mono<Void> store(CatalogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return Mono.defer(() -> {
            checkOpen();
            return stores.store(entry);
        });
    }

    /** Every entry, ordered by URI, from one snapshot taken at subscription. */
    @Override
    public Flux<CatalogEntry> entries() {
        return Flux.using(() -> {
                    readLock.lock();
                    try {
                        checkOpen();
                        return new EntryReader.Cursor(reader.duplicate());
                    } finally {
                        readLock.unlock();
                    }
                },
                cursor -> Flux.<CatalogEntry>generate(sink -> {
                    try {
                        cursor.next().ifPresentOrElse(sink::next, sink::complete);
                    } catch (SQLException e) {
                        sink.error(new CatalogAccessException("reading the entries: " + e.getMessage(), e));
                    }
                }),
                cursor -> {
                    try {
                        cursor.close();
                    } catch (SQLException ignored) {
                        // a read-only transaction: nothing to lose
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * SQL over this catalog on a connection of its own (the same database, this process): the views
     * and exports of {@link CatalogQuery}. Close it when done; the catalog stays open.
     */
    public CatalogQuery sql() {
        readLock.lock();
        try {
            checkOpen();
            return new CatalogQuery(reader.duplicate());
        } catch (SQLException e) {
            throw new CatalogAccessException("cannot open a connection to " + name + ": " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Checkpoints the database and closes both connections, after the batch being written is
     * committed; later calls fail with {@link IllegalStateException}. Idempotent.
     */
    @Override
    public Mono<Void> close() {
        return Mono.<Void>fromRunnable(() -> {
            writeLock.lock();
            readLock.lock();
            try {
                if (closed.compareAndSet(false, true)) {
                    try (writer; reader; java.sql.Statement s = writer.createStatement()) {
                        s.execute("CHECKPOINT");
                    } catch (SQLException e) {
                        throw new CatalogAccessException("closing " + name + ": " + e.getMessage(), e);
                    }
                }
            } finally {
                readLock.unlock();
                writeLock.unlock();
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the catalog " + name + " is closed");
        }
    }

    @Override
    public String toString() {
        return "DuckDbHeaderCatalog[" + name + "]";
    }
}
