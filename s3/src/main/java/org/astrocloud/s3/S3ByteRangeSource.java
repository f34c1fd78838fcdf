package org.astrocloud.s3;

import java.net.URI;
import java.nio.ByteBuffer;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.ReadStats;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.RequestPayer;

/**
 * Reads one S3 object with ranged GetObject calls on a shared {@code S3AsyncClient}. Answers are
 * held to the HTTP source's rules ({@link RangeTransformer}); InvalidRange (416) means past the
 * end; failures are translated ({@link S3Errors}) and retried by core's registry (one retry policy
 * for every source). Once the clients it was opened with are closed, every read fails with a
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
        return clients.client(config)
                .flatMap(c -> Mono.defer(() -> get(c, range))
                        .onErrorResume(S3Errors::isInvalidRange, e -> Mono.just(RangeBytes.ofUnknownSize(range.offset(), NO_BYTES)))
                        .onErrorMap(e -> clients.isClosed() ? e : S3Errors.translate(e, uri, range.offset(), c.anonymous(), requesterPays)))
                .onErrorMap(e -> S3Errors.ifClosed(clients.isClosed(), e, uri, range.offset()));
    }

    private Mono<RangeBytes> get(S3Clients.S3Client c, ByteRange range) {
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(location.bucket())
                .key(location.key())
                .range(range.toHttpRange());
        if (requesterPays) {
            request.requestPayer(RequestPayer.REQUESTER);
        }
        GetObjectRequest built = request.build();
        stats.recordRequest(0);
        return Mono.fromFuture(() -> c.sdk().getObject(built, new RangeTransformer(range, uri, stats)));
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
