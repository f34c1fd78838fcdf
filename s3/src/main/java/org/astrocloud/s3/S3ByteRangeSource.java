package org.astrocloud.s3;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.RequestPayer;

/**
 * Reads one S3 object with ranged GetObject calls on a shared {@code S3AsyncClient}. Answers are
 * held to the HTTP source's rules ({@link RangeTransformer}); InvalidRange (416) means past the
 * end; failures are translated ({@link S3Errors}) and retried by core's registry (one retry policy
 * for every source). Every answer carries the object's ETag. {@link #stream(ByteRange)} is one
 * GetObject whose body moves only on demand; cancelling it stops the transfer. Once the clients it was opened with are closed, every read fails with a
 * {@code PermanentSourceException}, the one in flight included.
 */
final class S3ByteRangeSource implements ByteRangeSource {
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);

    private final URI uri;
    private final S3Location location;
    private final S3Clients.Generation clients;
    private final S3ClientConfig config;
    private final boolean requesterPays;
    private final ReadStats stats = new ReadStats();

    S3ByteRangeSource(URI uri, S3Location location, S3Clients.Generation clients, S3ClientConfig config,
                      boolean requesterPays) {
        this.uri = uri;
        this.location = location;
        this.clients = clients;
        this.config = config;
        this.requesterPays = requesterPays;
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
     * {@code call} on the client, once per subscription, with one request counted: InvalidRange
     * (416) is an answer with no bytes, failures are translated.
     */
    private Flux<RangeBytes> guarded(ByteRange range, Function<S3Clients.S3Client, Flux<RangeBytes>> call) {
        return clients.client(config)
                .flatMapMany(c -> Flux.defer(() -> {
                            stats.recordRequest(0);
                            return call.apply(c);
                        })
                        .onErrorResume(S3Errors::isInvalidRange, e -> Flux.just(RangeBytes.ofUnknownSize(range.offset(), NO_BYTES)))
                        .onErrorMap(e -> clients.isClosed() ? e : S3Errors.translate(e, uri, range.offset(), c.anonymous(), requesterPays)))
                .onErrorMap(e -> S3Errors.ifClosed(clients.isClosed(), e, uri, range.offset()));
    }

    private GetObjectRequest request(ByteRange range) {
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(location.bucket())
                .key(location.key())
                .range(range.toHttpRange());
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
        return "S3ByteRangeSource[s3://" + location.bucket() + "/" + location.key() + "]";
    }
}
