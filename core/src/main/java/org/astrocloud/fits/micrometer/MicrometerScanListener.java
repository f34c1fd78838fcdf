package org.astrocloud.fits.micrometer;

import java.time.Duration;
import org.astrocloud.fits.FileFigures;
import org.astrocloud.fits.ScanListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;

/**
 * A {@link ScanListener} that records a scanner's work in Micrometer: the only class that names a
 * Micrometer type, in a package of its own, so core runs without Micrometer on the class path
 * (Micrometer is an optional dependency of core: add {@code io.micrometer:micrometer-core} to use it).
 *
 * <p>Counters {@value #REQUESTS}, {@value #BYTES_READ}, {@value #RETRIES} and {@value #HDUS},
 * tagged {@code scheme}; counter {@value #FILES} tagged {@code scheme} and {@code outcome}; timer
 * {@value #READ_LATENCY} tagged {@code scheme} and {@code outcome}. Meters are registered on first
 * use. Thread-safe and non-blocking, as the registry is.
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();
 * FitsScanner scanner = FitsScanner.create().listener(MicrometerScanListener.of(registry));
 * scanner.scanAll(uris).subscribe();
 * // later: registry.get("astrocloud.requests").tag("scheme", "s3").counter().count()
 * }</pre>
 */
public final class MicrometerScanListener implements ScanListener {
    /** A meter or tag name. */
    public static final String REQUESTS = "astrocloud.requests";
    /** A meter or tag name. */
    public static final String BYTES_READ = "astrocloud.bytes.read";
    /** A meter or tag name. */
    public static final String RETRIES = "astrocloud.retries";
    /** A meter or tag name. */
    public static final String FILES = "astrocloud.files";
    /** A meter or tag name. */
    public static final String HDUS = "astrocloud.hdus";
    /** A meter or tag name. */
    public static final String READ_LATENCY = "astrocloud.read.latency";
    /** A meter or tag name. */
    public static final String SCHEME = "scheme";
    /** A meter or tag name. */
    public static final String OUTCOME = "outcome";

    private final MeterRegistry registry;

    private MicrometerScanListener(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A listener recording in {@code registry}. */
    public static MicrometerScanListener of(MeterRegistry registry) {
        return new MicrometerScanListener(java.util.Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void readEnded(String scheme, String outcome, Duration elapsed) {
        Timer.builder(READ_LATENCY)
                .description("One range read of a source, from subscription to its end")
                .tag(SCHEME, scheme)
                .tag(OUTCOME, outcome)
                .register(registry)
                .record(elapsed);
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
        return "MicrometerScanListener[" + registry.getClass().getSimpleName() + "]";
    }
}
