package org.astrocloud.gcs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ObjectInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Lists a bucket's objects under a prefix with the JSON API ({@code objects.list}), page by page: a page is
 * fetched only when every object of the one before has been requested downstream, and not at all when the
 * subscriber cancels first. Pages are parsed with Gson (which google-auth-library brings) on the event loop
 * they arrive on.
 */
final class GcsListing {
    private final HttpClient client;
    private final URI endpoint;
    private final GcsTokens tokens;
    private final boolean anonymous;
    private final int pageSize;
    private final String userProject;

    GcsListing(HttpClient client, URI endpoint, GcsTokens tokens, boolean anonymous, int pageSize, String userProject) {
        this.client = client;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.anonymous = anonymous;
        this.pageSize = pageSize;
        this.userProject = userProject;
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
                .concatMapIterable(Page::items, 1);
    }

    private Mono<Page> page(String bucket, String prefix, String pageToken, URI uri) {
        URI url = GcsUrls.list(endpoint, bucket, prefix, pageSize, pageToken, userProject);
        return tokens.headers(uri).flatMap(auth -> client
                .headers(h -> auth.forEach(h::set))
                .get().uri(url.toString())
                .responseSingle((res, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .flatMap(text -> res.status().code() == 200 ? Mono.fromCallable(() -> parse(text, uri))
                                : Mono.error(GcsErrors.forStatus(res.status().code(), text,
                                        res.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), uri, auth.isEmpty())))));
    }

    static Page parse(String json, URI uri) {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new PermanentSourceException("the listing is not the JSON API's: " + e.getMessage(), uri, -1, e);
        }
        List<Item> items = new ArrayList<>();
        if (root.get("items") instanceof JsonArray array) {
            for (JsonElement e : array) {
                JsonObject o = e.getAsJsonObject();
                items.add(new Item(o.get("name").getAsString(),
                        o.has("size") ? Long.parseLong(o.get("size").getAsString()) : -1, updated(o)));
            }
        }
        JsonElement next = root.get("nextPageToken");
        return new Page(items, next == null || next.isJsonNull() || next.getAsString().isEmpty() ? null : next.getAsString());
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
