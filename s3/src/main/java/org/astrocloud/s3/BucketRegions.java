package org.astrocloud.s3;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The region each bucket is in, for the Reactor Netty transport's signatures: what S3 names in the
 * {@code x-amz-bucket-region} header of its answer to an unsigned {@code HEAD} of the bucket (it
 * names it whether the answer is 200, 301 or 403). Asked once per bucket URL, on the S3 clients'
 * own event loops, redirects not followed; an answer without the header is kept too (the server,
 * say nginx or an S3-compatible store, does not tell), a failure to get an answer is not.
 */
final class BucketRegions {
    static final String HEADER = "x-amz-bucket-region";

    private final Map<URI, Mono<Optional<String>>> asked = new ConcurrentHashMap<>();
    private final HttpClient client;

    BucketRegions(EventLoopGroup loops, Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.create(ConnectionProvider.newConnection())
                .runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .responseTimeout(readTimeout)
                .followRedirect(false);
    }

    /** The region S3 names for the bucket at {@code bucketUrl}, empty when its answer names none or none came. */
    Mono<String> regionOf(URI bucketUrl) {
        return asked.computeIfAbsent(bucketUrl, u -> client.head().uri(u).response()
                        .map(answer -> Optional.ofNullable(answer.responseHeaders().get(HEADER)).filter(r -> !r.isBlank()))
                        .cache(found -> Duration.ofDays(36_500), e -> Duration.ZERO, () -> Duration.ZERO))
                .onErrorResume(e -> Mono.just(Optional.empty()))
                .flatMap(Mono::justOrEmpty);
    }
}
