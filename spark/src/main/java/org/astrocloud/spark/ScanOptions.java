package org.astrocloud.spark;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.RootMap;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RetryOptions;
import org.astrocloud.fits.spi.SourceOption;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.http.RequestHeaders;
import org.astrocloud.s3.S3Credentials;
import org.astrocloud.s3.S3Options;

/**
 * The DataFrame options of a scan, checked on the driver and shipped to the tasks as the strings
 * they were, so that every task builds the same {@link FitsScanner}. Keys are case-insensitive
 * (Spark lower-cases them). {@link #toString()} masks sensitive values.
 */
final class ScanOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Every source option of core, http and s3, by lower-cased name ({@code http.bearertoken}). */
    private static final Map<String, SourceOption<?>> SOURCE_OPTIONS = sourceOptions();
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SECRET = Pattern.compile(".*(secret|token|password|credential|auth|key).*");
    static final int DEFAULT_FILES_PER_PARTITION = 64;

    /** Lower-cased key to value, without {@code path}/{@code paths}. */
    private final TreeMap<String, String> values;
    private final ArrayList<String> paths;

    private ScanOptions(TreeMap<String, String> values, ArrayList<String> paths) {
        this.values = values;
        this.paths = paths;
    }

    /**
     * The options of {@code all} (keys in any case); {@code path} and {@code paths} (a JSON array, as
     * {@code load(p1, p2, ...)} passes them) name what to read.
     *
     * @throws IllegalArgumentException for a bad value or an unknown {@code http.}, {@code s3.} or {@code retry.} key
     */
    static ScanOptions of(Map<String, String> all) {
        TreeMap<String, String> values = new TreeMap<>();
        ArrayList<String> paths = new ArrayList<>();
        all.forEach((k, v) -> {
            String key = k.toLowerCase(Locale.ROOT);
            switch (key) {
                case "path" -> paths.add(v);
                case "paths" -> paths.addAll(JsonStrings.array(v));
                default -> values.put(key, v);
            }
        });
        ScanOptions options = new ScanOptions(values, paths);
        options.scanner(null);   // every value is checked here, on the driver, before a task starts
        if (options.filesPerPartition() < 1) {
            throw new IllegalArgumentException("filesPerPartition must be at least 1, was " + options.filesPerPartition());
        }
        return options;
    }

    /** The paths, URIs and globs given to {@code load(...)}, in order. */
    List<String> paths() {
        return List.copyOf(paths);
    }

    /** The local file of {@code uriList} (or {@code uris-from}): one URI or path per line. */
    Optional<Path> uriList() {
        return Optional.ofNullable(values.getOrDefault("urilist", values.get("uris-from"))).map(Path::of);
    }

    int filesPerPartition() {
        return integer("filesperpartition", DEFAULT_FILES_PER_PARTITION);
    }

    /**
     * The scanner of these options, reading with {@code sources} (null: the installed providers,
     * used only to check the options). Every option is parsed here.
     */
    FitsScanner scanner(ByteRangeSources sources) {
        FitsScanner scanner = FitsScanner.create()
                .readAhead(integer("readahead", FitsScanner.DEFAULT_READ_AHEAD))
                .concurrency(integer("concurrency", Math.min(filesPerPartition(), FitsScanner.DEFAULT_CONCURRENCY)));
        if (values.containsKey("maxheadersize")) {
            scanner = scanner.maxHeaderSize(integer("maxheadersize", 0));
        }
        if (values.containsKey("filetimeout")) {
            scanner = scanner.fileTimeout(duration("fileTimeout", values.get("filetimeout")));
        }
        RootMap roots = RootMap.empty();
        for (String rule : values.getOrDefault("rootmap", "").trim().split("\\s+")) {
            if (!rule.isEmpty()) {
                roots = roots.withParsed(rule);
            }
        }
        scanner = scanner.rootMap(roots);
        if (Boolean.parseBoolean(values.getOrDefault("s3.anonymous", "false"))) {
            scanner = scanner.option(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.equals("s3.anonymous")) {
                continue;
            }
            SourceOption<?> option = SOURCE_OPTIONS.get(key);
            if (option == null && (key.startsWith("http.") || key.startsWith("s3.") || key.startsWith("retry."))) {
                throw new IllegalArgumentException("unknown option '" + key + "'; known: s3.anonymous, "
                        + String.join(", ", SOURCE_OPTIONS.keySet()));
            }
            if (option != null) {
                scanner = with(scanner, option, e.getValue());
            }
        }
        return sources == null ? scanner : scanner.sources(sources);
    }

    private static <T> FitsScanner with(FitsScanner scanner, SourceOption<T> option, String text) {
        try {
            return scanner.option(option, option.type().cast(parse(option.name(), option.type(), text)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("option " + option.name() + ": "
                    + (option.isSensitive() ? "a bad value" : "bad value '" + text + "'") + ": " + e.getMessage(), e);
        }
    }

    private static Object parse(String name, Class<?> type, String text) {
        String v = text.strip();
        if (type == String.class) {
            return v;
        }
        if (type == Integer.class) {
            return Integer.valueOf(v);
        }
        if (type == Long.class) {
            return Long.valueOf(v);
        }
        if (type == Boolean.class) {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("not true or false");
            }
            return Boolean.valueOf(v);
        }
        if (type == Duration.class) {
            return duration(name, v);
        }
        if (type == URI.class) {
            return URI.create(v);
        }
        if (type == RequestHeaders.class) {
            RequestHeaders headers = RequestHeaders.empty();
            for (String line : v.split("\n")) {
                if (!line.isBlank()) {
                    headers = headers.withParsed(line);
                }
            }
            return headers;
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(v)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("not one of " + List.of(type.getEnumConstants()));
        }
        throw new IllegalArgumentException("cannot be set from a DataFrame option (a " + type.getSimpleName() + ")");
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
    static Duration duration(String name, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Duration.parse(text.strip());
        }
        long n = Long.parseLong(m.group(1));
        Function<Long, Duration> unit = switch (m.group(2)) {
            case "ms" -> Duration::ofMillis;
            case "s" -> Duration::ofSeconds;
            case "m" -> Duration::ofMinutes;
            case "h" -> Duration::ofHours;
            default -> Duration::ofDays;
        };
        return unit.apply(n);
    }

    private int integer(String key, int otherwise) {
        String v = values.get(key);
        try {
            return v == null ? otherwise : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + ": '" + v + "' is not an integer", e);
        }
    }

    /** Whether the value of {@code key} must not be shown. */
    static boolean isSensitive(String key) {
        SourceOption<?> option = SOURCE_OPTIONS.get(key.toLowerCase(Locale.ROOT));
        return option != null ? option.isSensitive() : SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /** The paths (secrets in URIs masked) and options, sensitive values as {@code ****}. */
    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        paths.forEach(p -> shown.add(masked(p)));
        StringBuilder s = new StringBuilder("paths=").append(shown);
        values.forEach((k, v) -> s.append(", ").append(k).append('=').append(isSensitive(k) ? "****"
                : k.equals("rootmap") ? masked(v) : v));
        return s.toString();
    }

    /** {@code text} with the secrets of a URI masked ({@link Redaction}); left alone if it is no URI. */
    static String masked(String text) {
        try {
            return Redaction.redact(URI.create(text.strip()));
        } catch (IllegalArgumentException notAUri) {
            return text;
        }
    }

    private static Map<String, SourceOption<?>> sourceOptions() {
        Map<String, SourceOption<?>> all = new TreeMap<>();
        for (Class<?> holder : List.of(HttpOptions.class, S3Options.class, RetryOptions.class)) {
            for (Field f : holder.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == SourceOption.class) {
                    try {
                        SourceOption<?> o = (SourceOption<?>) f.get(null);
                        all.put(o.name().toLowerCase(Locale.ROOT), o);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return Map.copyOf(all);
    }
}
