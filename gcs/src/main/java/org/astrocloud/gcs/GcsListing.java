package org.astrocloud.gcs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.RetryPolicy;
import org.astrocloud.http.HttpErrors;
import reactor.netty.ByteBufFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Lists a bucket's objects under a prefix with the JSON API ({@code objects.list}), page by page: the first page
 * is fetched when the first object is requested, each next one only when every object of the one before has
 * been requested downstream, and none when the subscriber cancels first. Pages are parsed with Gson (which google-auth-library brings) on the event loop
 * they arrive on. A page that fails transiently (refused or reset connection, read time-out, 429, 5xx) is asked
 * again under the sources' {@link RetryPolicy}; an answer that is not the JSON API's, or larger than
 * {@link #MAX_PAGE_BYTES}, is a {@link PermanentSourceException}.
 *
 * <p>The listing's {@code etag} is not kept as the objects' validator: it names the object's metadata version
 * (it changes with {@code metageneration}) and need not be the {@code ETag} that ranged reads see and catalogs
 * store, so comparing the two would call every object changed. Size and {@code updated} say which version was
 * listed (a rewrite is a new generation with a new {@code updated}).
 */
final class GcsListing {
    /** The most a page's answer may hold: a full page of 1,000 objects with 1,024-byte names is about 1.3 MB. */
    static final int MAX_PAGE_BYTES = 16 << 20;

    private final HttpClient client;
    private final URI endpoint;
    private final GcsTokens tokens;
    private final boolean anonymous;
    private final int pageSize;
    private final String userProject;
    private final RetryPolicy retry;

    GcsListing(HttpClient client, URI endpoint, GcsTokens tokens, boolean anonymous, int pageSize, String userProject,
               RetryPolicy retry) {
        this.client = client;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.anonymous = anonymous;
        this.pageSize = pageSize;
        this.userProject = userProject;
        this.retry = retry;
    }

    /** One page: its objects, and the token of the next page (null on the last). */
    record Page(List<Item> items, String nextPageToken) {
    }

    /** An object as the listing describes it. */
    record Item(String name, long size, Instant updated) {
    }

    /** Every object whose name starts with {@code prefix}, in name order; errors name {@code uri}. */
    Flux<Item> objects(GcsLocation location, String prefix, URI uri) {
        // flat, whatever the number of pages: each next page is asked when the items before it are
        // (a page nested in the last one's operators overflowed the stack after a few thousand pages)
        String bucket = location.bucket();
        return page(bucket, prefix, null, uri)
                .expand(p -> p.nextPageToken() == null ? Mono.empty() : page(bucket, prefix, p.nextPageToken(), uri))
                // no prefetch: not even the first page before a subscriber asks for an object
                .concatMap(p -> Flux.fromIterable(p.items()), 0);
    }

    private Mono<Page> page(String bucket, String prefix, String pageToken, URI uri) {
        URI url = GcsUrls.list(endpoint, bucket, prefix, pageSize, pageToken, userProject);
        return Mono.defer(() -> tokens.headers(uri).flatMap(auth -> client
                        .headers(h -> auth.forEach(h::set))
                        .get().uri(url.toString())
                        .response((res, body) -> bounded(body, uri)
                                .flatMap(text -> res.status().code() == 200 ? Mono.fromCallable(() -> parse(text, uri))
                                        : Mono.error(GcsErrors.forStatus(res.status().code(), text,
                                                res.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), uri, auth.isEmpty()))))
                        .next()
                        .onErrorMap(e -> HttpErrors.translate(e, uri, -1))))
                .retryWhen(retry.retry(new ReadStats()));
    }

    /** The body as text, failing once it passes {@link #MAX_PAGE_BYTES} (a server that never stops sending). */
    private static Mono<String> bounded(ByteBufFlux body, URI uri) {
        return body.asByteArray()
                .reduceWith(ByteArrayOutputStream::new, (out, chunk) -> {
                    if (out.size() + chunk.length > MAX_PAGE_BYTES) {
                        throw new PermanentSourceException("the listing's answer is longer than " + MAX_PAGE_BYTES
                                + " bytes: no JSON API page is", uri, -1);
                    }
                    out.write(chunk, 0, chunk.length);
                    return out;
                })
                .map(out -> out.toString(StandardCharsets.UTF_8));
    }

    static Page parse(String json, URI uri) {
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            JsonObject root = parsed.getAsJsonObject();
            List<Item> items = new ArrayList<>();
            if (root.get("items") instanceof JsonArray array) {
                for (JsonElement e : array) {
                    JsonObject o = e.getAsJsonObject();
                    String name = o.get("name").getAsString();
                    long size = o.has("size") ? Long.parseLong(o.get("size").getAsString()) : -1;
                    if (size < -1) {
                        throw new IllegalStateException("object " + name + " has size " + size);
                    }
                    items.add(new Item(name, size, updated(o)));
                }
            }
            JsonElement next = root.get("nextPageToken");
            return new Page(items, next == null || next.isJsonNull() || next.getAsString().isEmpty() ? null : next.getAsString());
        } catch (RuntimeException e) {
            // a JSON syntax error, an item without a name, a size that is no number: no listing to trust
            throw new PermanentSourceException("the listing is not the JSON API's: " + e, uri, -1, e);
        }
    }

    private static Instant updated(JsonObject o) {
        try {
            return o.has("updated") ? Instant.parse(o.get("updated").getAsString()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static ObjectInfo info(GcsLocation location, Item item) {
        return new ObjectInfo(location.withObject(item.name()), item.size(), null, item.updated());
    }
}
