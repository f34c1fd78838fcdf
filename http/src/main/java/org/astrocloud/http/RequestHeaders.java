package org.astrocloud.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Extra request headers (an API key, a cookie, a custom token), immutable. A header added with
 * {@link #with} goes to the host of the URI being read only; one added with {@link #forHost} goes
 * to that host only. Neither follows a redirect to another host. Values never appear in
 * {@code toString()}.
 *
 * <pre>{@code
 * RequestHeaders headers = RequestHeaders.empty()
 *         .with("X-Api-Key", System.getenv("ARCHIVE_KEY"))
 *         .forHost("mast.stsci.edu", "Cookie", "session=...");
 * FitsScanner scanner = FitsScanner.create().option(HttpOptions.HEADERS, headers);
 * }</pre>
 */
public final class RequestHeaders {
    private static final RequestHeaders EMPTY = new RequestHeaders(List.of());

    private record Header(String host, String name, String value) {
    }

    private final List<Header> headers;

    private RequestHeaders(List<Header> headers) {
        this.headers = headers;
    }

    /** No extra headers. */
    public static RequestHeaders empty() {
        return EMPTY;
    }

    /**
     * Parses {@code Name: value} (the form of {@code fits-scan --header}).
     *
     * @throws IllegalArgumentException without a colon or with an empty name
     */
    public RequestHeaders withParsed(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a header is 'Name: value', got '" + line.replaceAll(":.*", ": ****") + "'");
        }
        return with(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }

    /** A copy that also sends {@code name: value} to the host of each URI read. */
    public RequestHeaders with(String name, String value) {
        return add(null, name, value);
    }

    /** A copy that also sends {@code name: value} to {@code host} (case-insensitive, no port). */
    public RequestHeaders forHost(String host, String name, String value) {
        return add(Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT), name, value);
    }

    private RequestHeaders add(String host, String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c == ':')) {
            throw new IllegalArgumentException("not a header name: '" + name + "'");
        }
        List<Header> copy = new ArrayList<>(headers);
        copy.add(new Header(host, name, value));
        return new RequestHeaders(List.copyOf(copy));
    }

    /**
     * Hands each header meant for a request to {@code targetHost} to {@code sink}: headers without a
     * host only when {@code sameOrigin} (the request goes where the URI being read points).
     */
    void forEach(boolean sameOrigin, String targetHost, BiConsumer<String, String> sink) {
        String target = targetHost == null ? "" : targetHost.toLowerCase(Locale.ROOT);
        for (Header h : headers) {
            boolean applies = h.host() == null ? sameOrigin : h.host().equals(target);
            if (applies) {
                sink.accept(h.name(), h.value());
            }
        }
    }

    /** Whether there are no extra headers. */
    public boolean isEmpty() {
        return headers.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestHeaders other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    /** Names and hosts only; values are masked. */
    @Override
    public String toString() {
        return headers.stream().map(h -> (h.host() == null ? "" : h.host() + ":") + h.name() + "=****").toList().toString();
    }
}
