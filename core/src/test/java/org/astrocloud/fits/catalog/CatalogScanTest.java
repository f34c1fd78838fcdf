package org.astrocloud.fits.catalog;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.data;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanOrigin;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.error.ObjectChangedException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.testkit.TestProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.RecordingSource;
import org.astrocloud.testdata.TessFiles;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scans through a catalog over an object whose bytes and ETag the test controls: fresh entries make
 * no request, stale ones one revalidation, listings none; changed objects are walked again; an object
 * replaced between two reads of one walk is walked once more, and reported typed if it keeps changing.
 */
class CatalogScanTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final URI URI_ = URI.create("versioned://bucket/two-hdus.fits");

    /** An object in memory with an ETag; every read is counted, and the test can replace it at any time. */
    static final class VersionedObject {
        final AtomicReference<byte[]> bytes = new AtomicReference<>();
        final AtomicReference<String> etag = new AtomicReference<>();
        final AtomicInteger reads = new AtomicInteger();
        volatile Runnable afterFirstRead = () -> { };

        void put(byte[] content, String tag) {
            bytes.set(content);
            etag.set(tag);
        }

        ByteRangeSource source() {
            ReadStats stats = new ReadStats();
            return new ByteRangeSource() {
                @Override
                public URI uri() {
                    return URI_;
                }

                @Override
                public Mono<RangeBytes> read(ByteRange range) {
                    return Mono.fromSupplier(() -> {
                        byte[] all = bytes.get();
                        String tag = etag.get();
                        if (reads.getAndIncrement() == 0) {
                            afterFirstRead.run();
                        }
                        stats.recordRequest(0);
                        int from = (int) Math.min(range.offset(), all.length);
                        int to = (int) Math.min(range.end(), all.length);
                        stats.recordBytes(to - from);
                        return RangeBytes.of(range.offset(), ByteBuffer.wrap(java.util.Arrays.copyOfRange(all, from, to)),
                                all.length).withValidator(tag);
                    });
                }

                @Override
                public ReadStats stats() {
                    return stats;
                }

                @Override
                public Mono<Void> close() {
                    return Mono.empty();
                }
            };
        }
    }

    private static byte[] file(long frames) {
        byte[] primary = header(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0), card("EXTEND", true));
        byte[] image = header(card("XTENSION", str("IMAGE")), card("BITPIX", -32), card("NAXIS", 1),
                card("NAXIS1", frames), card("PCOUNT", 0), card("GCOUNT", 1), card("EXTNAME", str("FLUX")));
        return concat(primary, image, data((int) (4 * frames)));
    }

    private static FitsScanner scanner(VersionedObject object, HeaderCatalog catalog, Duration ttl) {
        ByteRangeSources sources = ByteRangeSources.of(List.of(new TestProvider("versioned", uri -> object.source())));
        return FitsScanner.create().sources(sources).readAhead(2880).catalog(catalog, ttl);
    }

    private static ScanResult scan(FitsScanner scanner) {
        return scanner.scanFile(URI_).block(TIMEOUT);
    }

    @Test
    void aFreshEntryAnswersWithoutARequestAndAStaleOneWithOneRevalidation() {
        VersionedObject object = new VersionedObject();
        object.put(file(100), "\"v1\"");
        InMemoryHeaderCatalog catalog = InMemoryHeaderCatalog.create();

        ScanResult first = scan(scanner(object, catalog, Duration.ofHours(1)));
        assertEquals(ScanOrigin.WALKED, first.origin());
        assertTrue(first.isOk(), first.toString());
        assertEquals(2, first.headers().size());
        int walkReads = object.reads.get();
        assertEquals(2, walkReads);   // 2880-byte read-ahead: one read per header

        ScanResult cached = scan(scanner(object, catalog, Duration.ofHours(1)));
        assertEquals(ScanOrigin.CATALOG, cached.origin());
        assertEquals(walkReads, object.reads.get(), "a fresh entry makes no request");
        assertEquals(0, cached.requests());
        for (int i = 0; i < 2; i++) {
            FitsHeader walked = first.headers().get(i);
            FitsHeader stored = cached.headers().get(i);
            assertEquals(walked.cards(), stored.cards());
            assertEquals(walked.dataOffset(), stored.dataOffset());
            assertEquals(walked.dataSize(), stored.dataSize());
            assertEquals(walked.rawBytes(), stored.rawBytes());
            assertEquals("\"v1\"", stored.validator().orElseThrow());
        }

        ScanResult revalidated = scan(scanner(object, catalog, Duration.ZERO));
        assertEquals(ScanOrigin.REVALIDATED, revalidated.origin());
        assertEquals(walkReads + 1, object.reads.get(), "a stale entry costs one revalidation");
        assertEquals(1, revalidated.requests());
        assertEquals(first.headers().get(1).cards(), revalidated.headers().get(1).cards());
    }

    /** A catalog that only answers: the entries of {@code backing}, and a store that fails. */
    private static HeaderCatalog readOnly(InMemoryHeaderCatalog backing) {
        return new HeaderCatalog() {
            @Override
            public Mono<CatalogEntry> find(URI uri) {
                return backing.find(uri);
            }

            @Override
            public Mono<Void> store(CatalogEntry entry) {
                return Mono.error(new UnsupportedOperationException("read only"));
            }

            @Override
            public Flux<CatalogEntry> entries() {
                return backing.entries();
            }

            @Override
            public boolean isReadOnly() {
                return true;
            }
        };
    }

    @Test
    void aReadOnlyCatalogAnswersButNothingIsStoredAndNoWalkFails() {
        VersionedObject object = new VersionedObject();
        object.put(file(100), "\"v1\"");
        InMemoryHeaderCatalog backing = InMemoryHeaderCatalog.create();
        HeaderCatalog catalog = readOnly(backing);

        ScanResult walked = scan(scanner(object, catalog, Duration.ofHours(1)));
        assertEquals(ScanOrigin.WALKED, walked.origin());
        assertTrue(walked.isOk(), "a catalog that cannot store does not fail the walk: " + walked);
        assertNull(backing.find(URI_).block(TIMEOUT), "nothing stored");

        scan(scanner(object, backing, Duration.ofHours(1)));   // catalogued through a writable view
        CatalogEntry entry = backing.find(URI_).block(TIMEOUT);
        int reads = object.reads.get();
        ScanResult answered = scan(scanner(object, catalog, Duration.ofHours(1)));
        assertEquals(ScanOrigin.CATALOG, answered.origin());
        assertEquals(reads, object.reads.get(), "a fresh entry makes no request");

        ScanResult revalidated = scan(scanner(object, catalog, Duration.ZERO));
        assertEquals(ScanOrigin.REVALIDATED, revalidated.origin());
        assertEquals(entry.scannedAt(), backing.find(URI_).block(TIMEOUT).scannedAt(), "the revalidation is not stored");
    }

    @Test
    void aChangedObjectIsWalkedAgainAndStored() {
        VersionedObject object = new VersionedObject();
        object.put(file(100), "\"v1\"");
        InMemoryHeaderCatalog catalog = InMemoryHeaderCatalog.create();
        scan(scanner(object, catalog, Duration.ZERO));
        object.put(file(250), "\"v2\"");

        ScanResult again = scan(scanner(object, catalog, Duration.ZERO));
        assertEquals(ScanOrigin.WALKED, again.origin());
        assertEquals(250, again.headers().get(1).naxis().get(0));
        CatalogEntry entry = catalog.find(URI_).block(TIMEOUT);
        assertEquals("\"v2\"", entry.object().validator());
        assertEquals(250, FitsHeader.fromStored(URI_, entry.headers().get(1), null, null).naxis().get(0));
    }

    @Test
    void aListedObjectThatMatchesItsEntryCostsNoRequestAndOneThatDoesNotIsWalked() {
        VersionedObject object = new VersionedObject();
        byte[] content = file(100);
        object.put(content, "\"v1\"");
        InMemoryHeaderCatalog catalog = InMemoryHeaderCatalog.create();
        FitsScanner scanner = scanner(object, catalog, Duration.ZERO);
        scanner.scanAllObjects(Flux.just(ObjectInfo.of(URI_).withSize(content.length).withValidator("\"v1\""))).blockLast(TIMEOUT);
        int reads = object.reads.get();

        ScanResult listed = scanner.scanAllObjects(Flux.just(ObjectInfo.of(URI_).withSize(content.length)
                .withValidator("\"v1\""))).blockLast(TIMEOUT);
        assertEquals(ScanOrigin.REVALIDATED, listed.origin());
        assertEquals(reads, object.reads.get(), "the listing's ETag answers: no request");

        object.put(file(7), "\"v2\"");
        ScanResult changed = scanner.scanAllObjects(Flux.just(ObjectInfo.of(URI_).withValidator("\"v2\""))).blockLast(TIMEOUT);
        assertEquals(ScanOrigin.WALKED, changed.origin());
        assertEquals(7, changed.headers().get(1).naxis().get(0));
    }

    @Test
    void anObjectReplacedDuringTheWalkIsWalkedOnceMore() {
        VersionedObject object = new VersionedObject();
        object.put(file(100), "\"v1\"");
        object.afterFirstRead = () -> object.put(file(300), "\"v2\"");   // replaced after the walk's first read

        ScanResult r = scan(scanner(object, InMemoryHeaderCatalog.create(), Duration.ZERO));
        assertTrue(r.isOk(), r.toString());
        assertEquals(300, r.headers().get(1).naxis().get(0), "the second walk reads one version throughout");
        assertEquals("\"v2\"", r.headers().get(0).validator().orElseThrow());
    }

    @Test
    void anObjectThatKeepsChangingIsATypedError() {
        VersionedObject object = new VersionedObject();
        object.put(file(100), "\"v1\"");
        AtomicInteger version = new AtomicInteger(1);
        ByteRangeSources sources = ByteRangeSources.of(List.of(new TestProvider("versioned", uri -> {
            // every read sees a new version
            return new org.astrocloud.fits.testkit.ForwardingSource(object.source()) {
                @Override
                public Mono<RangeBytes> read(ByteRange range) {
                    return super.read(range).map(b -> b.withValidator("\"v" + version.incrementAndGet() + "\""));
                }
            };
        })));
        ScanResult r = FitsScanner.create().sources(sources).readAhead(2880).scanFile(URI_).block(TIMEOUT);
        assertFalse(r.isOk());
        assertInstanceOf(ObjectChangedException.class, r.error().orElseThrow());
        assertEquals(1, r.headers().size(), "the header read before the change is kept");
    }

    @Test
    void aSiblingOfACataloguedCubeIsWalkedWithItsExactHeaderSizes(@TempDir Path dir) {
        Path first = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, 1248);
        Path second = TessFiles.writeCube(dir.resolve("tess-s0022-1-2-cube.fits"), 22, 1, 2, 1248);
        Path third = TessFiles.writeCube(dir.resolve("tess-s0022-1-3-cube.fits"), 22, 1, 3, 1248);
        List<RecordingSource> opened = new CopyOnWriteArrayList<>();
        ByteRangeSources sources = ByteRangeSources.of(List.of(new TestProvider("file", uri -> {
            RecordingSource s = new RecordingSource(ByteRangeSources.installed().get(uri, SourceOptions.empty()));
            opened.add(s);
            return s;
        })));
        InMemoryHeaderCatalog catalog = InMemoryHeaderCatalog.create();
        FitsScanner scanner = FitsScanner.create().sources(sources).catalog(catalog, Duration.ofHours(1));

        assertTrue(scanner.scanFile(first.toUri()).block(TIMEOUT).isOk());
        // the default walk: two 64 KiB read-aheads (primary + image header, then the table header)
        assertEquals(List.of(ByteRange.of(0, 65_536), ByteRange.of(44_315_069_760L, 65_536)), opened.get(0).ranges());

        assertTrue(scanner.scanFile(second.toUri()).block(TIMEOUT).isOk());
        // learned in this scan: 2 x 2880 header bytes, then the table's 16 blocks (tess-format.md §2.4)
        assertEquals(List.of(ByteRange.of(0, 5_760), ByteRange.of(44_315_069_760L, 46_080)), opened.get(1).ranges());
        assertEquals(51_840, opened.get(1).requestedBytes());

        FitsScanner later = FitsScanner.create().sources(sources).catalog(catalog, Duration.ofHours(1));
        ScanResult r = later.scanFile(third.toUri()).block(TIMEOUT);
        assertEquals(3, r.headers().size());
        assertEquals(51_840, opened.get(2).requestedBytes(), "a new scanner learns it from the catalogued sibling");
    }

    @Test
    void entriesOfFailedScansAreKeptButNeverAnswer() {
        VersionedObject object = new VersionedObject();
        object.put(new byte[2880], "\"junk\"");   // not FITS
        InMemoryHeaderCatalog catalog = InMemoryHeaderCatalog.create();
        ScanResult first = scan(scanner(object, catalog, Duration.ofHours(1)));
        assertFalse(first.isOk());
        CatalogEntry entry = catalog.find(URI_).block(TIMEOUT);
        assertTrue(entry.errorText().orElseThrow().startsWith("NotFitsException"), entry.errorText().orElseThrow());
        int reads = object.reads.get();
        ScanResult second = scan(scanner(object, catalog, Duration.ofHours(1)));
        assertEquals(ScanOrigin.WALKED, second.origin());
        assertTrue(object.reads.get() > reads);
    }
}
