package org.astrocloud.fits.spi;

import java.util.Objects;

/**
 * The name and type of one setting of a source (a region, a time-out, a bearer token), used as
 * a key in {@link SourceOptions}. Options are compared by name. A sensitive option's value never
 * appears in {@code toString()}, logs or messages.
 *
 * <pre>{@code
 * public static final SourceOption<String> REGION = SourceOption.of("s3.region", String.class);
 * public static final SourceOption<String> TOKEN = SourceOption.sensitive("http.bearerToken", String.class);
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class SourceOption<T> {
    private final String name;
    private final Class<T> type;
    private final boolean sensitive;

    private SourceOption(String name, Class<T> type, boolean sensitive) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.sensitive = sensitive;
    }

    /** An option whose value may be shown. */
    public static <T> SourceOption<T> of(String name, Class<T> type) {
        return new SourceOption<>(name, type, false);
    }

    /** An option whose value is a secret and is never shown. */
    public static <T> SourceOption<T> sensitive(String name, Class<T> type) {
        return new SourceOption<>(name, type, true);
    }

    /** The option's name, unique across modules (prefix it with the module: {@code http.}, {@code s3.}). */
    public String name() {
        return name;
    }

    /** The type of the option's value. */
    public Class<T> type() {
        return type;
    }

    /** Whether the value is a secret. */
    public boolean isSensitive() {
        return sensitive;
    }

    T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceOption<?> other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
