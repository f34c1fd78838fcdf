package org.astrocloud.fits;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.concurrent.TimeUnit;

/**
 * The Micrometer meters of a scanner: the only class that names a Micrometer type, loaded only
 * when {@link FitsScanner#metrics} is called, so core runs without Micrometer on the class path.
 *
 * <p>Counters {@value #REQUESTS}, {@value #BYTES_READ}, {@value #RETRIES} and {@value #HDUS},
 * tagged {@code scheme}; counter {@value #FILES} tagged {@code scheme} and {@code outcome}; timer
 * {@value #READ_LATENCY} tagged {@code scheme} and {@code outcome}. Meters are registered on first
 * use. Thread-safe and non-blocking, as the registry is.
 */
final class MicrometerMetrics implements ScanMeters {
    static final String REQUESTS = "astrocloud.requests";
    static final String BYTES_READ = "astrocloud.bytes.read";
    static final String RETRIES = "astrocloud.retries";
    static final String FILES = "astrocloud.files";
    static final String HDUS = "astrocloud.hdus";
    static final String READ_LATENCY = "astrocloud.read.latency";
    static final String SCHEME = "scheme";
    static final String OUTCOME = "outcome";

    private final MeterRegistry registry;
    private final Clock clock;

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.clock = registry.config().clock();
    }

    /**
     * Meters in {@code registry}.
     *
     * @throws IllegalArgumentException if {@code registry} is not a {@link MeterRegistry}
     */
    static ScanMeters of(Object registry) {
        if (registry instanceof MeterRegistry r) {
            return new MicrometerMetrics(r);
        }
        throw new IllegalArgumentException("not a Micrometer MeterRegistry: " + registry.getClass().getName());
    }

    @Override
    public long readStarted() {
        return clock.monotonicTime();
    }

    @Override
    public void readEnded(String scheme, long start, String outcome) {
        Timer.builder(READ_LATENCY)
                .description("One range read of a source, from subscription to its end")
                .tag(SCHEME, scheme)
                .tag(OUTCOME, outcome)
                .register(registry)
                .record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
    }

    @Override
    public void fileEnded(FileFigures file) {
        counter(REQUESTS, "Requests sent by sources", null, file.scheme()).increment(file.requests());
        counter(BYTES_READ, "Body bytes received by sources", BaseUnits.BYTES, file.scheme())
                .increment(file.bytesRead());
        counter(RETRIES, "Retries made by sources", null, file.scheme()).increment(file.retries());
        counter(HDUS, "Headers emitted", null, file.scheme()).increment(file.hdus());
        Counter.builder(FILES)
                .description("Files whose scan ended, by outcome: ok, cancelled or the error's class")
                .tag(SCHEME, file.scheme())
                .tag(OUTCOME, file.outcome())
                .register(registry)
                .increment();
    }

    private Counter counter(String name, String description, String baseUnit, String scheme) {
        return Counter.builder(name).description(description).baseUnit(baseUnit).tag(SCHEME, scheme).register(registry);
    }

    @Override
    public String toString() {
        return "MicrometerMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
