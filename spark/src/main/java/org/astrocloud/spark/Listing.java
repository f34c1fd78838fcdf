package org.astrocloud.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.spi.ByteRangeSourceProvider;
import org.astrocloud.fits.spi.ByteRangeSources;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lists the files of a scan on the driver and groups them into {@link FilesPartition}s: every path
 * given to {@code load(...)}, then every line of the {@code uriList} file (read line by line, never
 * whole), each expanded by {@link FitsScanner#expand} (S3 prefixes and globs, local directories and
 * globs; any other URI stands for itself). Up to {@link #LISTINGS_AT_ONCE} names are listed at once
 * (an archive given as one prefix per sector lists in the time of its longest prefix, not of their
 * sum), and their files keep the order of the names. A name that matches nothing or whose listing
 * fails becomes an entry with its error: one error row, not a failed job. Pushed {@code uri} filters
 * drop files here, before any task.
 *
 * <p>Runs on the thread that plans the query, a Spark driver thread, never a Reactor one: it blocks
 * there until the listings are done.
 */
final class Listing {
    /** How many names are listed at the same time. */
    static final int LISTINGS_AT_ONCE = 8;
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Listing() {
    }

    static List<FilesPartition> partitions(ScanOptions options, Conditions conditions) {
        Grouper groups = new Grouper(options.filesPerPartition(), conditions);
        try (ByteRangeSources sources = ByteRangeSources.of(providers())) {
            FitsScanner scanner = options.scanner(sources);
            Flux<String> names = Flux.concat(Flux.fromIterable(options.paths()),
                    options.uriList().map(Listing::lines).orElse(Flux.empty()));
            names.flatMapSequential(name -> entries(scanner, name), LISTINGS_AT_ONCE)
                    .toIterable()
                    .forEach(groups);
        }
        return groups.done();
    }

    /** Entries into partitions of {@code size}, those that the {@code uri} conditions drop left out. */
    private static final class Grouper implements Consumer<FilesPartition.Entry> {
        private final int size;
        private final Conditions conditions;
        private final List<FilesPartition> partitions = new ArrayList<>();
        private ArrayList<FilesPartition.Entry> current = new ArrayList<>();

        Grouper(int size, Conditions conditions) {
            this.size = size;
            this.conditions = conditions;
        }

        @Override
        public void accept(FilesPartition.Entry e) {
            if (conditions.acceptsUri(Redaction.redact(URI.create(e.uri())))) {
                current.add(e);
                if (current.size() == size) {
                    partitions.add(new FilesPartition(partitions.size(), current));
                    current = new ArrayList<>();
                }
            }
        }

        List<FilesPartition> done() {
            if (!current.isEmpty()) {
                partitions.add(new FilesPartition(partitions.size(), current));
                current = new ArrayList<>();
            }
            return partitions;
        }
    }

    /** Fresh providers from the class path: a registry of its own, closed by whoever made it. */
    static List<ByteRangeSourceProvider> providers() {
        List<ByteRangeSourceProvider> found = new ArrayList<>();
        java.util.ServiceLoader.load(ByteRangeSourceProvider.class, ByteRangeSourceProvider.class.getClassLoader())
                .forEach(found::add);
        return found;
    }

    /**
     * The files {@code name} stands for, as entries: those listed, then an error entry if the listing
     * failed part way; one error entry if it names nothing or is no URI.
     */
    private static Flux<FilesPartition.Entry> entries(FitsScanner scanner, String name) {
        URI uri;
        try {
            uri = toUri(name);
        } catch (IllegalArgumentException e) {
            return Flux.just(new FilesPartition.Entry(safeUri(name), e.getClass().getSimpleName(), e.getMessage()));
        }
        return Flux.defer(() -> scanner.expand(uri))
                .map(u -> new FilesPartition.Entry(u.toString(), null, null))
                .switchIfEmpty(Flux.defer(() -> {
                    ObjectNotFoundException e = new ObjectNotFoundException("no object matches or lies under this name", uri, -1);
                    return Flux.just(new FilesPartition.Entry(uri.toString(), e.getClass().getSimpleName(), e.getMessage()));
                }))
                .onErrorResume(e -> {
                    Throwable cause = reactor.core.Exceptions.unwrap(e);
                    return Mono.just(new FilesPartition.Entry(uri.toString(), cause.getClass().getSimpleName(), cause.getMessage()));
                });
    }

    /** The non-blank lines of {@code list} not starting with {@code #}, stripped, read as they are asked for. */
    private static Flux<String> lines(Path list) {
        return Flux.using(() -> Files.newBufferedReader(list, StandardCharsets.UTF_8),
                        reader -> Flux.fromStream(reader.lines()), Listing::close)
                .map(String::strip)
                .filter(s -> !s.isEmpty() && !s.startsWith("#"))
                .onErrorMap(e -> e instanceof IOException || e instanceof UncheckedIOException,
                        e -> new UncheckedIOException("cannot read the uriList " + list + ": " + e.getMessage(),
                                e instanceof IOException io ? io : ((UncheckedIOException) e).getCause()));
    }

    private static void close(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read to the end or abandoned: nothing to keep
        }
    }

    /**
     * A URI as {@code fits-scan} reads its arguments: {@code s3://bucket/key} literally (a key may hold
     * glob characters a URI would not), another URI with a scheme as it is, anything else a local path.
     */
    static URI toUri(String name) {
        if (name.regionMatches(true, 0, "s3://", 0, 5)) {
            String rest = name.substring(5);
            int slash = rest.indexOf('/');
            try {
                return new URI("s3", slash < 0 ? rest : rest.substring(0, slash), slash < 0 ? "" : rest.substring(slash), null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not an S3 URI: " + name, e);
            }
        }
        if (SCHEME.matcher(name).matches()) {
            return URI.create(name);
        }
        return Path.of(name).toAbsolutePath().normalize().toFile().toURI();
    }

    /** A URI to stand for a name that is none, for its error row. */
    private static String safeUri(String name) {
        try {
            return new URI("unparsed", name, null).toString();
        } catch (URISyntaxException e) {
            return "unparsed:invalid";
        }
    }
}
