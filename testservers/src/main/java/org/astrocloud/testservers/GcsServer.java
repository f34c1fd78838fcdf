package org.astrocloud.testservers;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * <b>Our own</b> Google Cloud Storage server on 127.0.0.1, not Google's code: it follows the JSON API's
 * documented answers for what astro-cloud uses, over files in a directory ({@code root/BUCKET/OBJECT}, so a
 * sparse file dropped there is served without being read). No emulator we could install here serves
 * ranged reads of a 44 GB object (see the gcs module's README section). Files are looked at on Reactor's
 * bounded-elastic scheduler, never on the server's event loop.
 * <ul>
 *   <li>{@code GET /storage/v1/b/BUCKET/o?prefix=&delimiter=&maxResults=&pageToken=}: {@code objects.list}, names
 *       in lexicographic order, {@code {"kind":"storage#objects","items":[...],"prefixes":[...],"nextPageToken":...}},
 *       {@code size} as a string, as GCS sends it; {@code fields} is accepted and ignored.</li>
 *   <li>{@code GET /storage/v1/b/BUCKET/o/OBJECT?alt=media} (and {@code /download/storage/v1/...}), the name
 *       percent-encoded as one path segment ({@code /} as {@code %2F}: an object path with a bare {@code /} is 404,
 *       as the JSON API's reference has it): the bytes,
 *       {@code Range: bytes=a-b|a-|-n} answered 206 with {@code Content-Range}, 416 with {@code bytes *}{@code /size}
 *       past the end, 200 without Range; without {@code alt=media} the object's metadata.</li>
 *   <li>Errors with GCS's JSON body ({@code {"error":{"code":404,"message":...,"errors":[...]}}}): 404 for a
 *       missing bucket or object; with {@link Builder#acceptTokens}, 401 for no or an unknown bearer token
 *       (public buckets excepted), 403 for a forbidden bucket.</li>
 * </ul>
 *
 * <pre>{@code
 * try (GcsServer gcs = GcsServer.builder(dir).start()) {
 *     Files.write(gcs.placeFile("tess", "cube.fits"), bytes);
 *     scanner.option(GcsOptions.ENDPOINT, gcs.endpoint()).scan(URI.create("gs://tess/cube.fits"));
 * }
 * }</pre>
 */
public final class GcsServer implements AutoCloseable {
    private static final Pattern OBJECT = Pattern.compile("^(?:/download)?/storage/v1/b/([^/]+)/o/([^/]+)$");
    private static final Pattern LIST = Pattern.compile("^/storage/v1/b/([^/]+)/o/?$");

    private final Path root;
    private final Predicate<String> tokens;
    private final Set<String> publicBuckets;
    private final Set<String> forbiddenBuckets;
    private final DisposableServer server;
    private final List<RangeFileServer.Request> requests = new CopyOnWriteArrayList<>();

    /** The settings of a server to start. */
    public static final class Builder {
        private final Path root;
        private Predicate<String> tokens;
        private final Set<String> publicBuckets = new HashSet<>();
        private final Set<String> forbiddenBuckets = new HashSet<>();

        private Builder(Path root) {
            this.root = root;
        }

        /** Require {@code Authorization: Bearer T} with {@code accepted.test(T)} (401 otherwise); default: none required. */
        public Builder acceptTokens(Predicate<String> accepted) {
            this.tokens = accepted;
            return this;
        }

        /** A bucket anyone may read, token or not. */
        public Builder publicBucket(String bucket) {
            publicBuckets.add(bucket);
            return this;
        }

        /** A bucket every caller is refused (403), as for credentials without the permission. */
        public Builder forbiddenBucket(String bucket) {
            forbiddenBuckets.add(bucket);
            return this;
        }

        public GcsServer start() {
            return new GcsServer(this);
        }
    }

    private GcsServer(Builder b) {
        this.root = b.root.toAbsolutePath().normalize();
        this.tokens = b.tokens;
        this.publicBuckets = Set.copyOf(b.publicBuckets);
        this.forbiddenBuckets = Set.copyOf(b.forbiddenBuckets);
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::serve).bindNow();
    }

    /** A server over {@code root}: one directory per bucket. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Where the JSON API is: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    /** The path of {@code object} in {@code bucket}, its directories made: write or {@code truncate} the file there. */
    public Path placeFile(String bucket, String object) throws IOException {
        Path file = root.resolve(bucket).resolve(object).normalize();
        if (!file.startsWith(root.resolve(bucket))) {
            throw new IllegalArgumentException("object name leaves the bucket: " + object);
        }
        Files.createDirectories(file.getParent());
        return file;
    }

    /** Every request received, in order. */
    public List<RangeFileServer.Request> requests() {
        return List.copyOf(requests);
    }

    /** The media downloads received (the ranged reads). */
    public List<RangeFileServer.Request> mediaRequests() {
        return requests().stream().filter(r -> r.uri().contains("alt=media")).toList();
    }

    /** The listing requests received. */
    public List<RangeFileServer.Request> listRequests() {
        return requests().stream().filter(r -> LIST.matcher(new QueryStringDecoder(r.uri()).rawPath()).matches()).toList();
    }

    private Mono<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        requests.add(new RangeFileServer.Request(req.uri(), req.requestHeaders().get(HttpHeaderNames.RANGE),
                req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), req.requestHeaders().copy(), req.protocol(),
                req.method().name()));
        QueryStringDecoder query = new QueryStringDecoder(req.uri());
        String path = query.rawPath();
        Matcher object = OBJECT.matcher(path);
        Matcher list = LIST.matcher(path);
        String bucket = object.matches() ? decode(object.group(1)) : list.matches() ? decode(list.group(1)) : null;
        if (bucket == null || !"GET".equals(req.method().name())) {
            return error(res, 404, "notFound", "Not Found");
        }
        Path dir = root.resolve(bucket).normalize();
        if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
            return error(res, 404, "notFound", "The specified bucket does not exist.");
        }
        String denied = authorize(req, bucket);
        if (denied != null) {
            return denied.startsWith("403") ? error(res, 403, "forbidden", denied.substring(4))
                    : error(res, 401, "required", denied.substring(4));
        }
        // the files are looked at off the event loop, as a server should
        return object.matches() ? object(req, res, query, bucket, decode(object.group(2)), dir)
                : Mono.fromCallable(() -> listing(query, dir)).subscribeOn(Schedulers.boundedElastic())
                        .flatMap(body -> json(res, 200, body));
    }

    /** Null when allowed, else "401 message" or "403 message". */
    private String authorize(HttpServerRequest req, String bucket) {
        String auth = req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (forbiddenBuckets.contains(bucket)) {
            return "403 " + (token == null ? "Anonymous caller" : "The caller")
                    + " does not have storage.objects.get access to the Google Cloud Storage bucket " + bucket + ".";
        }
        if (tokens == null || publicBuckets.contains(bucket)) {
            return null;
        }
        if (token == null) {
            return "401 Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object."
                    + " Permission 'storage.objects.get' denied on resource (or it may not exist).";
        }
        return tokens.test(token) ? null : "401 Invalid Credentials";
    }

    private Mono<Void> object(HttpServerRequest req, HttpServerResponse res, QueryStringDecoder query, String bucket,
                              String name, Path dir) {
        Path file = dir.resolve(name).normalize();
        return Mono.fromCallable(() -> file.startsWith(dir) && Files.isRegularFile(file)
                        ? new long[] {Files.size(file), Files.getLastModifiedTime(file).toMillis()} : new long[0])
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(stat -> stat.length == 0 ? error(res, 404, "notFound", "No such object: " + bucket + "/" + name)
                        : object(req, res, query, bucket, name, file, stat[0], Instant.ofEpochMilli(stat[1])));
    }

    private Mono<Void> object(HttpServerRequest req, HttpServerResponse res, QueryStringDecoder query, String bucket,
                              String name, Path file, long size, Instant updated) {
        String generation = Long.toString(updated.toEpochMilli() * 1000);
        if (!"media".equals(first(query, "alt"))) {
            return json(res, 200, "{" + metadata(bucket, name, size, updated, generation) + "}");
        }
        res.header(HttpHeaderNames.ETAG, "\"" + generation + "\"")
                .header("x-goog-generation", generation)
                .header("x-goog-stored-content-length", Long.toString(size))
                .header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                .header(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        long start = 0;
        long end = size - 1;
        String range = req.requestHeaders().get(HttpHeaderNames.RANGE);
        java.util.Optional<SingleRange> r = SingleRange.parse(range, size);
        if (r.isPresent()) {
            if (!r.get().satisfiable()) {
                res.header(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
                return error(res, 416, "requestedRangeNotSatisfiable", "The requested range cannot be satisfied.");
            }
            start = r.get().start();
            end = r.get().end();
            res.status(206).header(HttpHeaderNames.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        }
        long count = end - start + 1;
        res.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(count));
        return count == 0 ? res.send() : res.sendFile(file, start, count).then();
    }

    /** The body of an {@code objects.list} answer; reads the directory, so never on an event loop. */
    private String listing(QueryStringDecoder query, Path dir) throws IOException {
        String bucket = dir.getFileName().toString();
        String prefix = first(query, "prefix") == null ? "" : first(query, "prefix");
        String delimiter = first(query, "delimiter");
        int max = first(query, "maxResults") == null ? 1000 : Math.max(1, Math.min(1000, Integer.parseInt(first(query, "maxResults"))));
        String token = first(query, "pageToken");
        String after = token == null ? null : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.startsWith(prefix)).forEach(names::add);
        }
        List<String> items = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String last = null;
        boolean more = false;
        for (String n : after == null ? names : names.tailSet(after, false)) {
            if (items.size() + prefixes.size() >= max) {
                more = true;
                break;
            }
            int cut = delimiter == null || delimiter.isEmpty() ? -1 : n.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                prefixes.add(n.substring(0, cut + delimiter.length()));
            } else {
                items.add(n);
            }
            last = n;
        }
        StringBuilder body = new StringBuilder("{\"kind\":\"storage#objects\"");
        if (more) {
            body.append(",\"nextPageToken\":").append(quote(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(last.getBytes(StandardCharsets.UTF_8))));
        }
        if (!prefixes.isEmpty()) {
            body.append(",\"prefixes\":[").append(String.join(",", prefixes.stream().map(GcsServer::quote).toList())).append(']');
        }
        if (!items.isEmpty()) {
            List<String> objects = new ArrayList<>();
            for (String n : items) {
                Path file = dir.resolve(n);
                Instant updated = Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis()); // GCS keeps ms
                objects.add("{" + metadata(bucket, n, Files.size(file), updated,
                        Long.toString(updated.toEpochMilli() * 1000)) + "}");
            }
            body.append(",\"items\":[").append(String.join(",", objects)).append(']');
        }
        return body.append('}').toString();
    }

    private static String metadata(String bucket, String name, long size, Instant updated, String generation) {
        return "\"kind\":\"storage#object\",\"id\":" + quote(bucket + "/" + name + "/" + generation)
                + ",\"name\":" + quote(name) + ",\"bucket\":" + quote(bucket) + ",\"generation\":" + quote(generation)
                + ",\"contentType\":\"application/octet-stream\",\"size\":" + quote(Long.toString(size))
                + ",\"updated\":" + quote(updated.toString()) + ",\"etag\":" + quote("C" + generation);
    }

    private static Mono<Void> error(HttpServerResponse res, int code, String reason, String message) {
        return json(res, code, "{\"error\":{\"code\":" + code + ",\"message\":" + quote(message)
                + ",\"errors\":[{\"message\":" + quote(message) + ",\"domain\":\"global\",\"reason\":" + quote(reason) + "}]}}");
    }

    private static Mono<Void> json(HttpServerResponse res, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return res.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes)).then();
    }

    private static String first(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String decode(String s) {
        return QueryStringDecoder.decodeComponent(s.replace("+", "%2B"));
    }

    /** {@code s} as a JSON string. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
