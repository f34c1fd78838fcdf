package org.astrocloud.fits.catalog.duckdb;

import java.net.URI;
import java.nio.file.Files;
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
    /** Stores and renewals, written together: one transaction per batch. */
    private final Batches<Write, Void> writes;
    /** Finds, read together: one query per batch. */
    private final Batches<URI, CatalogEntry> finds;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String name;
    private final boolean readOnly;

    private DuckDbHeaderCatalog(DuckDBConnection writer, String name, boolean readOnly) throws SQLException {
        this.writer = writer;
        this.reader = writer.duplicate();
        this.name = name;
        this.readOnly = readOnly;
        this.writes = new Batches<>(Schedulers.boundedElastic(), MAX_BATCH, batch -> {
            writeLock.lock();
            try {
                checkOpen();
                EntryWriter.write(writer, batch.stream().filter(w -> !w.renewal()).map(Write::entry).toList(),
                        batch.stream().filter(Write::renewal).map(Write::entry).toList());
                return java.util.Collections.nCopies(batch.size(), null);
            } catch (SQLException e) {
                throw new CatalogAccessException("storing " + batch.size() + " entries: " + e.getMessage(), e);
            } finally {
                writeLock.unlock();
            }
        });
        this.finds = new Batches<>(Schedulers.boundedElastic(), MAX_BATCH, batch -> {
            readLock.lock();
            try {
                checkOpen();
                java.util.Map<String, CatalogEntry> found = EntryReader.findAll(reader, batch);
                return batch.stream().map(u -> found.get(u.toString())).toList();
            } catch (SQLException e) {
                throw new CatalogAccessException("finding " + batch.size() + " entries: " + e.getMessage(), e);
            } finally {
                readLock.unlock();
            }
        });
    }

    /** A store, or a renewal (the object's row alone). */
    private record Write(CatalogEntry entry, boolean renewal) {
    }

    /**
     * Opens the catalog in {@code file}, creating it, or migrating an older schema, as needed. Blocking
     * (it opens a database): call it before a reactive pipeline, not inside one.
     *
     * @throws CatalogSchemaException the file was written by a newer version, or is not a catalog
     * @throws CatalogAccessException the file cannot be opened (another process holds it, say)
     */
    public static DuckDbHeaderCatalog open(Path file) {
        return create(Jdbc.connect(Objects.requireNonNull(file, "file"), false), file.toString(), false);
    }

    /**
     * Opens the catalog in {@code file} to answer only ({@link #isReadOnly()}): {@link #store} fails,
     * a scanner through it stores nothing, and other processes may open the same file read only at
     * the same time (DuckDB lets one process write a file, or many read it). Blocking.
     *
     * @throws CatalogSchemaException the file is not a catalog of this version (open it for writing once to migrate it)
     * @throws CatalogAccessException it cannot be opened (no such file, or a process writes it)
     */
    public static DuckDbHeaderCatalog openReadOnly(Path file) {
        if (!Files.isRegularFile(Objects.requireNonNull(file, "file"))) {
            throw new CatalogAccessException("no catalog at " + file, null);
        }
        return create(Jdbc.connect(file, true), file.toString(), true);
    }

    /** A catalog in memory, gone when closed. */
    public static DuckDbHeaderCatalog inMemory() {
        return create(Jdbc.connect(null, false), ":memory:", false);
    }

    private static DuckDbHeaderCatalog create(DuckDBConnection c, String name, boolean readOnly) {
        try {
            Schema.prepare(c, readOnly);
            return new DuckDbHeaderCatalog(c, name, readOnly);
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

    /** The entry for {@code uri}; finds that arrive together are answered by one query. */
    @Override
    public Mono<CatalogEntry> find(URI uri) {
        Objects.requireNonNull(uri, "uri");
        return Mono.defer(() -> {
            checkOpen();
            return finds.submit(uri);
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

    /**
     * Stores {@code entry}; completes when the transaction holding it is committed. Fails with
     * {@link UnsupportedOperationException} when the catalog was {@linkplain #openReadOnly opened read only}.
     */
    @Override
    public Mono<Void> store(CatalogEntry entry) {
        return queued(new Write(entry, false));
    }

    /**
     * Records a revalidated entry by updating its object's row alone (size, ETag, modification and
     * scan time), in the same group commit as stores: no header or card is written again. An entry
     * the catalog no longer holds is stored whole.
     */
    @Override
    public Mono<Void> renew(CatalogEntry renewed) {
        return queued(new Write(renewed, true));
    }

    private Mono<Void> queued(Write write) {
        Objects.requireNonNull(write.entry(), "entry");
        return Mono.defer(() -> {
            checkOpen();
            if (readOnly) {
                return Mono.error(new UnsupportedOperationException("the catalog " + name + " is open read only"));
            }
            return writes.submit(write);
        });
    }

    /** Whether it was {@linkplain #openReadOnly opened read only}. */
    @Override
    public boolean isReadOnly() {
        return readOnly;
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
                        if (!readOnly) {
                            s.execute("CHECKPOINT");
                        }
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
