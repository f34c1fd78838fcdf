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

/**
 * Lists the files of a scan on the driver and groups them into {@link FilesPartition}s: every path
 * given to {@code load(...)}, then every line of the {@code uriList} file (read line by line, never
 * whole), each expanded by {@link FitsScanner#expand} (S3 prefixes and globs, local directories and
 * globs; any other URI stands for itself). A name that matches nothing or whose listing fails
 * becomes an entry with its error: one error row, not a failed job. Pushed {@code uri} filters drop
 * files here, before any task.
 *
 * <p>Runs on the thread that plans the query, a Spark driver thread, never a Reactor one: it may
 * block on the listing.
 */
final class Listing {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Listing() {
    }

    static List<FilesPartition> partitions(ScanOptions options, Conditions conditions) {
        Grouper groups = new Grouper(options.filesPerPartition(), conditions);
        try (ByteRangeSources sources = ByteRangeSources.of(providers())) {
            FitsScanner scanner = options.scanner(sources);
            for (String path : options.paths()) {
                expand(scanner, path, groups);
            }
            options.uriList().ifPresent(list -> lines(list, line -> expand(scanner, line, groups)));
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

    private static void expand(FitsScanner scanner, String name, Consumer<FilesPartition.Entry> add) {
        URI uri;
        try {
            uri = toUri(name);
        } catch (IllegalArgumentException e) {
            add.accept(new FilesPartition.Entry(safeUri(name), e.getClass().getSimpleName(), e.getMessage()));
            return;
        }
        int[] found = {0};
        try {
            for (URI u : scanner.expand(uri).toIterable()) {
                found[0]++;
                add.accept(new FilesPartition.Entry(u.toString(), null, null));
            }
            if (found[0] == 0) {
                ObjectNotFoundException e = new ObjectNotFoundException("no object matches or lies under this name", uri, -1);
                add.accept(new FilesPartition.Entry(uri.toString(), e.getClass().getSimpleName(), e.getMessage()));
            }
        } catch (RuntimeException e) {
            Throwable cause = reactor.core.Exceptions.unwrap(e);
            add.accept(new FilesPartition.Entry(uri.toString(), cause.getClass().getSimpleName(), cause.getMessage()));
        }
    }

    /** The non-blank lines of {@code list} not starting with {@code #}, stripped, one at a time. */
    private static void lines(Path list, Consumer<String> each) {
        try (BufferedReader r = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    each.accept(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uriList " + list + ": " + e.getMessage(), e);
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
