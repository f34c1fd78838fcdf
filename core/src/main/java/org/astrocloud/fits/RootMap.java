package org.astrocloud.fits;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Rewrites URI prefixes before a source is opened: data that moved to another bucket, a mirror,
 * a local copy. The longest matching prefix wins; a URI no prefix matches is left alone.
 * Immutable: {@link #with} returns a copy.
 *
 * <pre>{@code
 * RootMap roots = RootMap.empty()
 *         .with("s3://old-bucket/", "https://mirror.example.org/old-bucket/")
 *         .with("s3://stpubdata/tess/", "file:/archive/tess/");
 * roots.apply(URI.create("s3://old-bucket/a/b.fits"));   // https://mirror.example.org/old-bucket/a/b.fits
 * }</pre>
 */
public final class RootMap {
    private static final RootMap EMPTY = new RootMap(List.of());

    private record Rule(String from, String to) {
    }

    private final List<Rule> rules;

    private RootMap(List<Rule> rules) {
        this.rules = rules;
    }

    /** The map that rewrites nothing. */
    public static RootMap empty() {
        return EMPTY;
    }

    /**
     * Parses {@code FROM=TO} (the form of {@code fits-scan --root-map}).
     *
     * @throws IllegalArgumentException if there is no {@code =} or a side is empty
     */
    public static RootMap parse(String mapping) {
        return EMPTY.withParsed(mapping);
    }

    /** A copy with one more {@code FROM=TO} rule; see {@link #parse}. */
    public RootMap withParsed(String mapping) {
        int eq = mapping.indexOf('=');
        if (eq <= 0 || eq == mapping.length() - 1) {
            throw new IllegalArgumentException("a root mapping is FROM=TO, got '" + mapping + "'");
        }
        return with(mapping.substring(0, eq), mapping.substring(eq + 1));
    }

    /** A copy in which URIs starting with {@code fromPrefix} start with {@code toPrefix} instead. */
    public RootMap with(String fromPrefix, String toPrefix) {
        Objects.requireNonNull(fromPrefix, "fromPrefix");
        Objects.requireNonNull(toPrefix, "toPrefix");
        if (fromPrefix.isEmpty()) {
            throw new IllegalArgumentException("the prefix to rewrite must not be empty");
        }
        List<Rule> copy = new ArrayList<>(rules);
        copy.removeIf(r -> r.from().equals(fromPrefix));
        copy.add(new Rule(fromPrefix, toPrefix));
        copy.sort(Comparator.comparingInt((Rule r) -> r.from().length()).reversed());
        return new RootMap(List.copyOf(copy));
    }

    /** Rewrites {@code uri} by its longest matching prefix, or returns it unchanged. */
    public URI apply(URI uri) {
        String text = uri.toString();
        for (Rule r : rules) {
            if (text.startsWith(r.from())) {
                return URI.create(r.to() + text.substring(r.from().length()));
            }
        }
        return uri;
    }

    /** Whether no rule is set. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public String toString() {
        return rules.stream().map(r -> r.from() + "=" + r.to()).toList().toString();
    }
}
