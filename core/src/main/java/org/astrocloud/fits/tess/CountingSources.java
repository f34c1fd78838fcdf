package org.astrocloud.fits.tess;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.ForwardingByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.SourceOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A registry over another one that counts what every source it opens asks of storage: requests
 * (each read, each retry of one, each streamed body) and the bytes they brought. For one piece of
 * work's figures, such as the reads of one cutout: make one, hand {@link #registry()} to the
 * scanner and the data reader, and read the counts when the work is done. Thread-safe.
 *
 * <pre>{@code
 * CountingSources counted = CountingSources.over(ByteRangeSources.installed());
 * FitsDataReader.create().sources(counted.registry()).section(ref, section).block();
 * System.out.println(counted.requests() + " requests, " + counted.bytesRead() + " bytes");
 * }</pre>
 *
 * <p>The registry's providers are those of the one counted; disposing it does not dispose them.
 */
public final class CountingSources {
    private final ReadStats stats = new ReadStats();
    private final ByteRangeSources registry;

    private CountingSources(ByteRangeSources counted) {
        this.registry = ByteRangeSources.of(List.of(new Provider(counted)));
    }

    /** A counter of the sources opened through {@code counted}. */
    public static CountingSources over(ByteRangeSources counted) {
        return new CountingSources(Objects.requireNonNull(counted, "counted"));
    }

    /** The registry whose sources are counted (sources it opens are retried as {@code counted}'s are). */
    public ByteRangeSources registry() {
        return registry;
    }

    /** Requests made so far. */
    public long requests() {
        return stats.requests();
    }

    /** Bytes received so far. */
    public long bytesRead() {
        return stats.bytesRead();
    }

    @Override
    public String toString() {
        return "CountingSources[" + stats + "]";
    }

    /** Opens sources with the counted registry's providers (without their retry wrapper: the registry adds it). */
    private final class Provider implements ByteRangeSourceProvider {
        private final ByteRangeSources counted;

        Provider(ByteRangeSources counted) {
            this.counted = counted;
        }

        @Override
        public Set<String> schemes() {
            return counted.schemes();
        }

        @Override
        public int specificity(URI uri) {
            return counted.find(uri).map(p -> p.specificity(uri)).orElse(0);
        }

        @Override
        public ByteRangeSource open(URI uri, SourceOptions options) {
            ByteRangeSourceProvider provider = counted.find(uri)
                    .orElseThrow(() -> new IllegalArgumentException("no source reads " + uri.getScheme()));
            return new Counted(provider.open(uri, options));
        }

        @Override
        public Flux<URI> expand(URI uri, SourceOptions options) {
            return counted.expand(uri, options);
        }
    }

    /** One source, counted. */
    private final class Counted extends ForwardingByteRangeSource {
        Counted(ByteRangeSource delegate) {
            super(delegate);
        }

        @Override
        public Mono<RangeBytes> read(ByteRange range) {
            return Mono.defer(() -> {
                stats.recordRequest(0);
                return super.read(range).doOnNext(answer -> stats.recordBytes(answer.length()));
            });
        }
        /** Pinned reads stay counted. */
        @Override
        protected ByteRangeSource over(ByteRangeSource other) {
            return new Counted(other);
        }

        @Override
        public Flux<RangeBytes> stream(ByteRange range) {
            return Flux.defer(() -> {
                stats.recordRequest(0);
                return super.stream(range).doOnNext(answer -> stats.recordBytes(answer.length()));
            });
        }

        @Override
        public Flux<ByteBuffer> stream(long offset, int chunkSize) {
            return Flux.defer(() -> {
                stats.recordRequest(0);
                return super.stream(offset, chunkSize).doOnNext(chunk -> stats.recordBytes(chunk.remaining()));
            });
        }
    }
}
