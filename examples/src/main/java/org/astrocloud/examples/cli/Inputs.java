package org.astrocloud.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.fits.spi.ObjectInfo;
import picocli.CommandLine;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Turns a command-line argument into a URI: URIs with a scheme stay as they are, anything else is a local path ({@code file:/abs/path}). */
final class Inputs {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Inputs() {
    }

    /**
     * The objects the arguments name, in order, each listed by the scanner (directories, local and
     * S3 globs, S3 prefixes). An argument whose listing fails, or that names no object at all, is
     * handed to {@code unlisted} as a failed result; the others go on.
     */
    static Flux<URI> objects(FitsScanner scanner, List<String> arguments, Supplier<BufferedReader> stdin,
                             Consumer<ScanResult> unlisted) {
        return arguments(arguments, stdin, unlisted).concatMap(u -> scanner.expand(u)
                .switchIfEmpty(Flux.defer(() -> {
                    unlisted.accept(ScanResult.failed(u, new ObjectNotFoundException("no object matches or lies under this name", u, -1)));
                    return Flux.empty();
                }))
                .onErrorResume(e -> {
                    unlisted.accept(ScanResult.failed(u, e));
                    return Flux.empty();
                }));
    }

    /**
     * The same objects with what their listings say of each ({@link FitsScanner#list}: size, ETag,
     * modification time where the source's listing gives them), for scans through a catalog;
     * {@code counted} learns how many objects each argument named once its listing is done.
     */
    static Flux<ObjectInfo> listed(FitsScanner scanner, List<String> arguments, Supplier<BufferedReader> stdin,
                                   Consumer<ScanResult> unlisted, java.util.function.ObjLongConsumer<URI> counted) {
        return arguments(arguments, stdin, unlisted).concatMap(u -> {
            java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
            return scanner.list(u).doOnNext(o -> n.incrementAndGet()).doOnComplete(() -> counted.accept(u, n.get()))
                .switchIfEmpty(Flux.defer(() -> {
                    unlisted.accept(ScanResult.failed(u, new ObjectNotFoundException("no object matches or lies under this name", u, -1)));
                    return Flux.empty();
                }))
                .onErrorResume(e -> {
                    unlisted.accept(ScanResult.failed(u, e));
                    return Flux.empty();
                });
        });
    }

    /** Fails with a usage error, before anything is read, when an {@code @FILE} list cannot be read. */
    static void checkLists(List<String> arguments, CommandLine commandLine) {
        for (String a : arguments) {
            if (a.startsWith("@") && a.length() > 1) {
                Path list = Path.of(a.substring(1));
                if (!Files.isRegularFile(list) || !Files.isReadable(list)) {
                    throw new CommandLine.ParameterException(commandLine, "cannot read the list " + list
                            + (Files.exists(list) ? (Files.isDirectory(list) ? ": it is a directory" : ": not readable")
                            : ": no such file"));
                }
            }
        }
    }

    /**
     * The URIs named by the arguments, in order: {@code -} reads one per line from {@code stdin},
     * {@code @FILE} one per line from FILE (blank lines and {@code #} comments skipped), anything
     * else is one URI or path. Files and stdin are read on a bounded-elastic thread as needed. A
     * line or argument that is no URI goes to {@code unparsed} as a failed result
     * ({@link InvalidUriException}) and the others go on.
     */
    static Flux<URI> arguments(List<String> arguments, Supplier<BufferedReader> stdin, Consumer<ScanResult> unparsed) {
        return Flux.fromIterable(arguments).concatMap(a -> {
            if (a.equals("-")) {
                return lines(stdin, unparsed);
            }
            if (a.startsWith("@") && a.length() > 1) {
                Path list = Path.of(a.substring(1));
                return lines(() -> {
                    try {
                        return Files.newBufferedReader(list, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the list " + list + ": " + e.getMessage(), e);
                    }
                }, unparsed);
            }
            return parsed(a, unparsed);
        });
    }

    private static Flux<URI> lines(Supplier<BufferedReader> reader, Consumer<ScanResult> unparsed) {
        return Flux.using(reader::get, r -> Flux.fromStream(r.lines()), r -> {
                    try {
                        r.close();
                    } catch (IOException ignored) {
                        // nothing was written; nothing to lose
                    }
                })
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .concatMap(line -> parsed(line, unparsed))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Flux<URI> parsed(String text, Consumer<ScanResult> unparsed) {
        try {
            return Flux.just(toUri(text));
        } catch (InvalidUriException e) {
            unparsed.accept(ScanResult.failed(e.uri().orElseThrow(), e));
            return Flux.empty();
        }
    }

    /**
     * The URI an argument names.
     *
     * @throws InvalidUriException when it is neither a URI nor a path; its URI is the text with
     *                             every character a URI does not allow percent-encoded
     */
    static URI toUri(String argument) {
        if (argument.regionMatches(true, 0, "s3://", 0, 5)) {
            return bucketUri("s3", argument.substring(5));
        }
        if (argument.regionMatches(true, 0, "gs://", 0, 5)) {
            return bucketUri("gs", argument.substring(5));
        }
        if (SCHEME.matcher(argument).matches()) {
            try {
                return new URI(argument);
            } catch (java.net.URISyntaxException e) {
                throw new InvalidUriException("not a URI: " + e.getReason() + " at index " + e.getIndex(), standIn(argument), e);
            }
        }
        try {
            return Path.of(argument).toAbsolutePath().normalize().toFile().toURI();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidUriException("not a path: " + e.getReason(), standIn(argument), e);
        }
    }

    /** {@code text} as a URI that names nothing, to report it by: what a URI does not allow is percent-encoded. */
    private static URI standIn(String text) {
        try {
            return new URI(null, null, text, null);
        } catch (java.net.URISyntaxException e) {
            return URI.create("invalid:unparseable");
        }
    }

    /** {@code s3://bucket/key} or {@code gs://bucket/object} taken literally: a key may hold glob characters ({@code ? [ ]}) that a URI would not. */
    private static URI bucketUri(String scheme, String bucketAndKey) {
        int slash = bucketAndKey.indexOf('/');
        String bucket = slash < 0 ? bucketAndKey : bucketAndKey.substring(0, slash);
        String key = slash < 0 ? "" : bucketAndKey.substring(slash);
        try {
            return new URI(scheme, bucket, key, null);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidUriException("not a bucket URI: " + scheme + "://bucket/key", standIn(scheme + "://" + bucketAndKey), e);
        }
    }
}
