package org.astrocloud.s3;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ObjectInfo;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import org.astrocloud.fits.spi.Revalidation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.RequestPayer;

/**
 * Reads one S3 object with ranged GetObject calls on a shared {@code S3AsyncClient}. Answers are
 * held to the HTTP source's rules ({@link RangeTransformer}); InvalidRange (416) means past the
 * end; failures are translated ({@link S3Errors}) and retried by core's registry (one retry policy
 * for every source). Every answer carries the object's ETag. {@link #stream(ByteRange)} is one
 * GetObject whose body moves only on demand; cancelling it stops the transfer. Once the clients it was opened with are closed, every read fails with a
 * {@code PermanentSourceException}, the one in flight included.
 *
 * <p>{@link #revalidate} is one HeadObject (no body; S3's ETag names the content, so comparing it
 * is exact). {@link #pinned} is a view whose GetObjects carry {@code ifMatch}: a 412
 * PreconditionFailed is an {@link org.astrocloud.fits.error.ObjectChangedException}; the view
 * shares this source's client and counters. Every request goes through {@link #sent}.
 */
final class S3ByteRangeSource implements ByteRangeSource {
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);

    private final URI uri;
    private final S3Location location;
    private final S3Clients.Generation clients;
    private final S3ClientConfig config;
    private final boolean requesterPays;
    private final ReadStats stats;     // shared with the pinned views
    private final String pinnedTo;     // the ETag every GetObject names with ifMatch, or null

    S3ByteRangeSource(URI uri, S3Location location, S3Clients.Generation clients, S3ClientConfig config,
                      boolean requesterPays) {
        this(uri, location, clients, config, requesterPays, new ReadStats(), null);
    }

    private S3ByteRangeSource(URI uri, S3Location location, S3Clients.Generation clients, S3ClientConfig config,
                              boolean requesterPays, ReadStats stats, String pinnedTo) {
        this.uri = uri;
        this.location = location;
        this.clients = clients;
        this.config = config;
        this.requesterPays = requesterPays;
        this.stats = stats;
        this.pinnedTo = pinnedTo;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Mono<RangeBytes> read(ByteRange range) {
        return guarded(range, c -> {
            GetObjectRequest request = request(range);
            return Mono.fromFuture(() -> c.sdk().getObject(request, new RangeTransformer(range, uri, stats))).flux();
        }).next();
    }

    /** One GetObject for {@code range}, its body streamed on demand; cancelling stops the transfer. */
    @Override
    public Flux<RangeBytes> stream(ByteRange range) {
        return guarded(range, c -> {
            GetObjectRequest request = request(range);
            return Mono.fromFuture(() -> c.sdk().getObject(request, new StreamTransformer(range, uri, stats)))
                    .flatMapMany(body -> body);
        }).filter(bytes -> bytes.length() > 0);
    }

    /**
     * One HeadObject: the object now (size, ETag, modification time), unchanged when its ETag is
     * {@code known}'s (and the sizes agree); a size or a date alone proves nothing (an overwrite in
     * the same second keeps both). Chosen over a conditional GetObject because the SDK reports a 304
     * as an error, and HEAD moves no body either.
     */
    @Override
    public Mono<Revalidation> revalidate(ObjectInfo known) {
        HeadObjectRequest.Builder request = HeadObjectRequest.builder().bucket(location.bucket()).key(location.key());
        if (requesterPays) {
            request.requestPayer(RequestPayer.REQUESTER);
        }
        HeadObjectRequest built = request.build();
        return sent(0, c -> Mono.fromFuture(() -> c.sdk().headObject(built)).flux())
                .next()
                .map(head -> {
                    ObjectInfo current = new ObjectInfo(uri, head.contentLength() == null ? -1 : head.contentLength(),
                            head.eTag(), head.lastModified());
                    boolean sameEtag = current.validator() != null && current.validator().equals(known.validator())
                            && (known.size() < 0 || current.size() == known.size());
                    return new Revalidation(sameEtag, current);
                });
    }

    /** A view whose GetObjects carry {@code ifMatch(validator)}; it shares this source's client and counters. */
    @Override
    public ByteRangeSource pinned(String validator) {
        if (validator == null || validator.equals(pinnedTo)) {
            return this;
        }
        return new S3ByteRangeSource(uri, location, clients, config, requesterPays, stats, validator);
    }

    /** {@link #sent} for a read: InvalidRange (416) is an answer with no bytes. */
    private Flux<RangeBytes> guarded(ByteRange range, Function<S3Clients.S3Client, Flux<RangeBytes>> call) {
        return sent(range.offset(), c -> call.apply(c)
                .onErrorResume(S3Errors::isInvalidRange, e -> Flux.just(RangeBytes.ofUnknownSize(range.offset(), NO_BYTES))));
    }

    /** {@code call} on the client, once per subscription, with one request counted; failures translated. */
    private <T> Flux<T> sent(long offset, Function<S3Clients.S3Client, Flux<T>> call) {
        return clients.client(config)
                .flatMapMany(c -> Flux.defer(() -> {
                            stats.recordRequest(0);
                            return call.apply(c);
                        })
                        .onErrorMap(e -> clients.isClosed() ? e : S3Errors.translate(e, uri, offset, c.anonymous(), requesterPays)))
                .onErrorMap(e -> S3Errors.ifClosed(clients.isClosed(), e, uri, offset));
    }

    private GetObjectRequest request(ByteRange range) {
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(location.bucket())
                .key(location.key())
                .range(range.toHttpRange());
        if (pinnedTo != null) {
            request.ifMatch(pinnedTo);
        }
        if (requesterPays) {
            request.requestPayer(RequestPayer.REQUESTER);
        }
        return request.build();
    }

    @Override
    public ReadStats stats() {
        return stats;
    }

    @Override
    public Mono<Void> close() {
        return Mono.empty();
    }

    @Override
    public String toString() {
        return "S3ByteRangeSource[s3://" + location.bucket() + "/" + location.key()
                + (pinnedTo == null ? "" : ", ifMatch " + pinnedTo) + "]";
    }
}
