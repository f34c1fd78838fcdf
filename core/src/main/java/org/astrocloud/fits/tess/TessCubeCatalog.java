package org.astrocloud.fits.tess;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.HeaderCatalog;
import org.astrocloud.fits.catalog.StoredHeader;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.fits.data.FitsDataReader;
import org.astrocloud.fits.data.TableQuery;
import org.astrocloud.fits.spi.ObjectInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Catalogues the FFIs of one sector, camera and CCD from its SPOC cube, without reading them: the
 * cube's last HDU is a table of one row per FFI holding that FFI's extension-1 keywords (astrocut's
 * {@code CubeFactory}), so the cube's header walk (2 reads) and one read of that table (1.6 MB for
 * 1,248 FFIs) give the extension-1 headers of all of them, where scanning the FFIs would take
 * 2,400 or more requests. Each FFI becomes a {@link CatalogEntry} derived from the cube.
 *
 * <pre>{@code
 * URI cube = URI.create("s3://stpubdata/tess/public/mast/tess-s0022-1-1-cube.fits");
 * HeaderCatalog catalog = InMemoryHeaderCatalog.create();
 * TessCubeCatalog.create().store(cube, catalog)
 *     .subscribe(n -> System.out.println(n + " FFIs catalogued"));   // 1248
 * }</pre>
 *
 * <p>An entry holds one header, the FFI's HDU 1 ({@code CAMERA.CCD 1.1 cal}), rebuilt from its
 * row (see {@link #entries}); its {@link CatalogEntry#derivedFrom()} is the cube's URI as given, its
 * object the FFI's URI ({@link FfiLocator}, by default the archive's layout) with size, ETag and
 * modification time unknown (the cube does not say them), and its scan time the time the table
 * was read. A catalog that answers scans from its entries should treat derived ones as what they
 * are: the keyword values of one HDU, not a scan of the file.
 *
 * <p>Immutable; nothing is read before subscription and nothing blocks; the headers are built on
 * Reactor's parallel scheduler, not on the thread that delivered the table.
 */
public final class TessCubeCatalog {
    /**
     * The logical keywords of SPOC FFI extension-1 headers as far as they are known (the format
     * notes' profile): the cube's table stores them as numbers, and only a name says they were
     * logicals.
     */
    public static final Set<String> SPOC_LOGICALS = Set.of("INHERIT", "SIMDATA", "BACKAPP", "DEADAPP", "VIGNAPP");
    /** Where HDU 1 starts in a SPOC FFI: after the 30-card primary header, one block. */
    public static final long FFI_HDU1_OFFSET = 2880;

    private final FitsScanner scanner;
    private final FitsDataReader reader;
    private final FfiLocator locator;
    private final Set<String> logicals;

    private TessCubeCatalog(FitsScanner scanner, FitsDataReader reader, FfiLocator locator, Set<String> logicals) {
        this.scanner = scanner;
        this.reader = reader;
        this.locator = locator;
        this.logicals = logicals;
    }

    /**
     * A cataloguer with a default scanner and data reader (installed sources, default coalescing),
     * the archive's layout and {@link #SPOC_LOGICALS}.
     */
    public static TessCubeCatalog create() {
        return new TessCubeCatalog(FitsScanner.create(), null, FfiLocator.archiveLayout(), SPOC_LOGICALS);
    }

    /** A copy that walks the cube's headers with {@code scanner} (its sources and options). */
    public TessCubeCatalog scanner(FitsScanner scanner) {
        return new TessCubeCatalog(Objects.requireNonNull(scanner, "scanner"), reader, locator, logicals);
    }

    /**
     * A copy that reads the table with {@code reader} (its sources, options and coalescing); by
     * default a reader with the scanner's source options over the installed sources.
     */
    public TessCubeCatalog reader(FitsDataReader reader) {
        return new TessCubeCatalog(scanner, Objects.requireNonNull(reader, "reader"), locator, logicals);
    }

    /** A copy that places the FFIs with {@code locator}. */
    public TessCubeCatalog locator(FfiLocator locator) {
        return new TessCubeCatalog(scanner, reader, Objects.requireNonNull(locator, "locator"), logicals);
    }

    /** A copy that restores the keywords {@code logicals} as logicals (instead of {@link #SPOC_LOGICALS}). */
    public TessCubeCatalog logicals(Set<String> logicals) {
        return new TessCubeCatalog(scanner, reader, locator, Set.copyOf(logicals));
    }

    /**
     * One entry per row of the cube's frame table, in table order (time order): the FFI's
     * extension-1 header as {@link StoredHeader} index 1 at {@link #FFI_HDU1_OFFSET} (inferred:
     * the table does not say where the header was), its cards in the table's column order, each
     * value typed by its column and each comment from the table header ({@link FrameHeaders}
     * says how, quirks included), rendered in the fixed format. The cube's primary header is a
     * modified copy of the first FFI's, so no FFI primary (HDU 0) is derived.
     *
     * <p>Fails with {@link IllegalArgumentException} when the object is not a SPOC cube or a row's
     * FFI_FILE cannot be placed by the locator.
     */
    public Flux<CatalogEntry> entries(URI cube) {
        Objects.requireNonNull(cube, "cube");
        return Flux.defer(() -> {
            FitsDataReader tables = reader != null ? reader : FitsDataReader.create().options(scanner.options());
            return scanner.scan(cube).take(3).collectList()
                    .flatMap(headers -> read(tables, cube, headers))
                    .publishOn(Schedulers.parallel())
                    .flatMapMany(frames -> entries(cube, frames));
        });
    }

    /**
     * Stores {@link #entries} of {@code cube} into {@code catalog}, replacing entries for the same
     * FFIs, and tells how many were stored.
     */
    public Mono<Integer> store(URI cube, HeaderCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return entries(cube).flatMap(e -> catalog.store(e).thenReturn(1), 8).count().map(Math::toIntExact);
    }

    private Mono<FrameHeaders> read(FitsDataReader tables, URI cube, List<FitsHeader> headers) {
        TessCutout.checkCube(cube, headers);
        FitsHeader tableHeader = headers.get(2);
        return tables.table(DataReference.of(tableHeader), TableQuery.all())
                .map(table -> new FrameHeaders(table, tableHeader, logicals));
    }

    private Flux<CatalogEntry> entries(URI cube, FrameHeaders frames) {
        Instant read = Instant.now();
        return Flux.range(0, frames.rows()).map(row -> {
            String name = frames.ffiFile(row);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("row " + row + " of the cube's frame table has no FFI_FILE");
            }
            URI ffi = locator.locate(cube, name);
            StoredHeader header = new StoredHeader(1, FFI_HDU1_OFFSET, frames.header(row));
            return new CatalogEntry(ObjectInfo.of(ffi), read, List.of(header), null, null, cube);
        });
    }

    @Override
    public String toString() {
        return "TessCubeCatalog[" + scanner + "]";
    }
}
