package org.astrocloud.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.http.HttpByteRangeSourceProvider;
import org.astrocloud.http.HttpOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the seed approach costs: one 2880-byte GET per header block, one after the other within
 * a file (the pattern of the original astro-cloud prototype), {@code C} files at once. Same walk
 * and HTTP client as astro-cloud; only the reads are cut into single blocks, each its own request.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.SeedApproach URL_LIST C
 * </pre>
 * Prints {@code SCAN_SECONDS s FILES n FAILED f}.
 */
public final class SeedApproach {
    private static final int BLOCK = 2880;

    private SeedApproach() {
    }

    public static void main(String[] args) throws IOException {
        List<URI> uris = Files.readAllLines(Path.of(args[0])).stream().map(URI::create).toList();
        int c = Integer.parseInt(args[1]);
        ByteRangeSources sources = ByteRangeSources.of(List.of(new OneBlockPerGet(new HttpByteRangeSourceProvider())));
        FitsScanner scanner = FitsScanner.create()
                .readAhead(BLOCK)
                .concurrency(c)
                .option(HttpOptions.MAX_CONNECTIONS_PER_HOST, c)
                .sources(sources);
        long start = System.nanoTime();
        long[] counts = scanner.scanAll(Flux.fromIterable(uris)).reduce(new long[3], LibraryScan::count).block(Duration.ofHours(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        sources.close();   // the HTTP provider's pools and event loops, not timed
        System.out.printf(Locale.ROOT, "SCAN_SECONDS %.3f FILES %d FAILED %d%n", seconds, counts[0], counts[1]);
        System.exit(0);
    }

    /** Opens the wrapped provider's sources cut into one GET per block. */
    private record OneBlockPerGet(ByteRangeSourceProvider inner) implements ByteRangeSourceProvider {
        @Override
        public Set<String> schemes() {
            return inner.schemes();
        }

        @Override
        public ByteRangeSource open(URI uri, SourceOptions options) {
            return new BlockSource(inner.open(uri, options));
        }

        @Override
        public Mono<Void> disposeLater() {
            return inner.disposeLater();
        }
    }

    /** Reads a range as consecutive single-block GETs, each after the previous one. */
    private record BlockSource(ByteRangeSource inner) implements ByteRangeSource {
        @Override
        public URI uri() {
            return inner.uri();
        }

        @Override
        public Mono<RangeBytes> read(ByteRange range) {
            int blocks = (int) ((range.length() + BLOCK - 1) / BLOCK);
            return Flux.range(0, blocks)
                    .concatMap(b -> inner.read(ByteRange.of(range.offset() + (long) b * BLOCK,
                            Math.min(BLOCK, range.length() - (long) b * BLOCK))))
                    .collectList()
                    .map(parts -> join(range.offset(), parts));
        }

        private static RangeBytes join(long offset, List<RangeBytes> parts) {
            ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(RangeBytes::length).sum());
            parts.forEach(p -> all.put(p.bytes().duplicate()));
            all.flip();
            RangeBytes last = parts.get(parts.size() - 1);
            return last.objectSize().isPresent()
                    ? RangeBytes.of(offset, all, last.objectSize().getAsLong())
                    : RangeBytes.ofUnknownSize(offset, all);
        }

        @Override
        public ReadStats stats() {
            return inner.stats();
        }

        @Override
        public Mono<Void> close() {
            return inner.close();
        }
    }
}
