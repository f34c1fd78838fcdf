package org.astrocloud.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import java.util.regex.Pattern;

/** Turns a command-line argument into a URI: URIs with a scheme stay as they are, anything else is a local path ({@code file:/abs/path}). */
final class Inputs {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Inputs() {
    }

    /**
     * The URIs named by the arguments, in order: {@code -} reads one per line from {@code stdin},
     * {@code @FILE} one per line from FILE (blank lines and {@code #} comments skipped), anything
     * else is one URI or path. Files and stdin are read on a bounded-elastic thread as needed.
     */
    static Flux<URI> arguments(List<String> arguments, Supplier<BufferedReader> stdin) {
        return Flux.fromIterable(arguments).concatMap(a -> {
            if (a.equals("-")) {
                return lines(stdin);
            }
            if (a.startsWith("@") && a.length() > 1) {
                Path list = Path.of(a.substring(1));
                return lines(() -> {
                    try {
                        return Files.newBufferedReader(list, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the list " + list + ": " + e.getMessage(), e);
                    }
                });
            }
            return Flux.just(toUri(a));
        });
    }

    private static Flux<URI> lines(Supplier<BufferedReader> reader) {
        return Flux.using(reader::get, r -> Flux.fromStream(r.lines()), r -> {
                    try {
                        r.close();
                    } catch (IOException ignored) {
                        // nothing was written; nothing to lose
                    }
                })
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(Inputs::toUri)
                .subscribeOn(Schedulers.boundedElastic());
    }

    static URI toUri(String argument) {
        if (argument.regionMatches(true, 0, "s3://", 0, 5)) {
            return s3(argument.substring(5));
        }
        if (SCHEME.matcher(argument).matches()) {
            return URI.create(argument);
        }
        return Path.of(argument).toAbsolutePath().normalize().toFile().toURI();
    }

    /** {@code s3://bucket/key} taken literally: a key may hold glob characters ({@code ? [ ]}) that a URI would not. */
    private static URI s3(String bucketAndKey) {
        int slash = bucketAndKey.indexOf('/');
        String bucket = slash < 0 ? bucketAndKey : bucketAndKey.substring(0, slash);
        String key = slash < 0 ? "" : bucketAndKey.substring(slash);
        try {
            return new URI("s3", bucket, key, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not an S3 URI: s3://" + bucketAndKey, e);
        }
    }
}
