package org.astrocloud.fits.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An immutable set of {@link SourceOption} values handed to {@link ByteRangeSourceProvider#open}.
 * Every change returns a copy.
 *
 * <pre>{@code
 * SourceOptions options = SourceOptions.empty().with(S3Options.REGION, "us-east-1");
 * String region = options.get(S3Options.REGION).orElse("us-east-1");
 * }</pre>
 */
public final class SourceOptions {
    /**
     * How many objects the scan reads at once; set by the scanner so that providers can size
     * their connection pools.
     */
    public static final SourceOption<Integer> CONCURRENCY = SourceOption.of("scan.concurrency", Integer.class);

    private static final SourceOptions EMPTY = new SourceOptions(Map.of());

    private final Map<SourceOption<?>, Object> values;

    private SourceOptions(Map<SourceOption<?>, Object> values) {
        this.values = values;
    }

    /** No options: every source uses its defaults. */
    public static SourceOptions empty() {
        return EMPTY;
    }

    /** A copy with {@code option} set to {@code value}. */
    public <T> SourceOptions with(SourceOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        Map<SourceOption<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(option, option.cast(value));
        return new SourceOptions(Collections.unmodifiableMap(copy));
    }

    /** A copy with every value of {@code other} set over this one's. */
    public SourceOptions with(SourceOptions other) {
        Map<SourceOption<?>, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(other.values);
        return new SourceOptions(Collections.unmodifiableMap(copy));
    }

    /** The value of {@code option}, if set. */
    public <T> Optional<T> get(SourceOption<T> option) {
        return Optional.ofNullable(values.get(option)).map(option::cast);
    }

    /** Whether {@code option} is set. */
    public boolean has(SourceOption<?> option) {
        return values.containsKey(option);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Lists the options; sensitive values are masked. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey().name() + "=" + (e.getKey().isSensitive() ? "****" : e.getValue()))
                .collect(Collectors.joining(", ", "SourceOptions{", "}"));
    }
}
