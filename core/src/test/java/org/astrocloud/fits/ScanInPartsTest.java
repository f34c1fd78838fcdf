package org.astrocloud.fits;

import static org.astrocloud.fits.testkit.FitsBytes.card;
import static org.astrocloud.fits.testkit.FitsBytes.concat;
import static org.astrocloud.fits.testkit.FitsBytes.header;
import static org.astrocloud.fits.testkit.FitsBytes.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.fits.catalog.InMemoryHeaderCatalog;
import org.astrocloud.fits.error.TruncatedHeaderException;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.testkit.ForwardingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Files of many header-only HDUs (each one 2,880-byte block: HDU i's header at i x 2880) come in
 * pieces of at most N headers, the last with the result; a piece is read only as it is asked for.
 */
class ScanInPartsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A primary header and {@code extensions} empty IMAGE extensions, one block each. */
    private static byte[] manyHdus(int extensions) {
        List<byte[]> blocks = new ArrayList<>();
        blocks.add(header(card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0), card("EXTEND", true)));
        byte[] extension = header(card("XTENSION", str("IMAGE")), card("BITPIX", 8), card("NAXIS", 0),
                card("PCOUNT", 0), card("GCOUNT", 1));
        for (int i = 0; i < extensions; i++) {
            blocks.add(extension);
        }
        return concat(blocks.toArray(byte[][]::new));
    }

    /** Serves {@code files} by name under {@code mem://h/}, counting reads. */
    private static FitsScanner scanner(Map<String, byte[]> files, AtomicInteger reads) {
        return FitsScanner.create().readAhead(2880).sources(ByteRangeSources.of(List.of(new TestProvider("mem",
                uri -> new ForwardingSource(MemoryByteRangeSource.of(uri, files.get(uri.getPath().substring(1)))) {
                    @Override
                    public Mono<RangeBytes> read(ByteRange range) {
                        reads.incrementAndGet();
                        return super.read(range);
                    }
                }))));
    }

    @Test
    void aFileOfManyHdusComesInFullPiecesThenTheRestWithTheResult() {
        AtomicInteger reads = new AtomicInteger();
        FitsScanner scanner = scanner(Map.of("many.fits", manyHdus(2499)), reads);
        List<ScanPart> parts = scanner.scanAllInParts(Flux.just(URI.create("mem://h/many.fits")), 1000)
                .collectList().block(TIMEOUT);
        assertEquals(List.of(1000, 1000, 500), parts.stream().map(p -> p.headers().size()).toList());
        assertEquals(List.of(1000, 2000, 2500), parts.stream().map(ScanPart::hdus).toList());
        assertEquals(List.of(false, false, true), parts.stream().map(ScanPart::isLast).toList());
        ScanResult end = parts.get(2).end().orElseThrow();
        assertTrue(end.isOk(), end.toString());
        assertTrue(end.headers().isEmpty());
        List<FitsHeader> all = parts.stream().flatMap(p -> p.headers().stream()).toList();
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).index());
            assertEquals(2880L * i, all.get(i).headerOffset());
        }
    }

    @Test
    void piecesAreReadOnlyAsTheyAreAskedFor() {
        AtomicInteger reads = new AtomicInteger();
        FitsScanner scanner = scanner(Map.of("many.fits", manyHdus(9999)), reads);
        StepVerifier.create(scanner.scanAllInParts(Flux.just(URI.create("mem://h/many.fits")), 100), 1)
                .expectNextMatches(p -> p.headers().size() == 100 && !p.isLast())
                .thenAwait(Duration.ofMillis(200))
                .then(() -> assertTrue(reads.get() < 1000, "one piece asked, " + reads.get() + " of 10,000 blocks read"))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void smallFilesAreOnePieceAndAFailureEndsTheLastPieceAfterItsHeaders() {
        byte[] three = manyHdus(2);
        byte[] cut = Arrays.copyOf(manyHdus(3), 2880 * 3 + 100);   // the fourth header cut short
        FitsScanner scanner = scanner(Map.of("three.fits", three, "cut.fits", cut), new AtomicInteger());
        List<ScanPart> parts = scanner.scanAllInParts(Flux.just(URI.create("mem://h/three.fits"),
                URI.create("mem://h/cut.fits")), 1000).collectList().block(TIMEOUT);
        assertEquals(2, parts.size());
        ScanPart small = parts.stream().filter(p -> p.uri().getPath().equals("/three.fits")).findFirst().orElseThrow();
        assertEquals(3, small.headers().size());
        assertTrue(small.end().orElseThrow().isOk());
        ScanPart failed = parts.stream().filter(p -> p.uri().getPath().equals("/cut.fits")).findFirst().orElseThrow();
        assertEquals(3, failed.hdus());
        assertInstanceOf(TruncatedHeaderException.class, failed.end().orElseThrow().error().orElseThrow());
    }

    @Test
    void throughACatalogAWholeResultIsCutIntoPieces() {
        FitsScanner scanner = scanner(Map.of("many.fits", manyHdus(249)), new AtomicInteger())
                .catalog(InMemoryHeaderCatalog.create(), Duration.ofHours(1));
        List<ScanPart> parts = scanner.scanAllInParts(Flux.just(URI.create("mem://h/many.fits")), 100)
                .collectList().block(TIMEOUT);
        assertEquals(List.of(100, 100, 50), parts.stream().map(p -> p.headers().size()).toList());
        assertEquals(250, parts.get(2).hdus());
        assertTrue(parts.get(2).end().orElseThrow().headers().isEmpty());
    }
}
