package org.astrocloud.s3;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.astrocloud.http.RequestSigner;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs the Reactor Netty transport's GETs with the SDK's own SigV4 signer, as the SDK signs
 * S3's: service {@code s3}, single URL encoding, no path normalisation, the hash of the empty
 * payload. Anonymous requests get no signature; requester-pays ones carry (and sign)
 * {@code x-amz-request-payer}. Credentials are found off the event loops and kept
 * ({@link S3Clients.Signing}); signing itself is computation only. The region signed for is
 * the one configured, else the bucket's as S3 names it ({@link BucketRegions}), else the
 * environment's: a bucket in another region needs no {@code REGION} option.
 */
final class SigV4Signing implements RequestSigner {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Mono<S3Clients.Signing> signing;
    private final Mono<String> bucketRegion;
    private final boolean requesterPays;
    private final URI objectUri;
    private final boolean anonymousHint;

    /** {@code bucketRegion} names the region to sign for, or is empty to sign for the configured or the environment's. */
    SigV4Signing(Mono<S3Clients.Signing> signing, Mono<String> bucketRegion, boolean requesterPays, URI objectUri,
                 boolean anonymousHint) {
        this.signing = signing;
        this.bucketRegion = bucketRegion;
        this.requesterPays = requesterPays;
        this.objectUri = objectUri;
        this.anonymousHint = anonymousHint;
    }

    @Override
    public Mono<Map<String, String>> sign(URI uri, Map<String, String> headers) {
        Map<String, String> extra = requesterPays ? Map.of("x-amz-request-payer", "requester") : Map.of();
        return signing
                .onErrorMap(e -> S3Errors.translate(e, objectUri, 0, anonymousHint, requesterPays))
                .flatMap(s -> s.anonymous() ? Mono.just(extra)
                        : bucketRegion.defaultIfEmpty(s.region())
                                .flatMap(region -> s.identity().map(id -> signed(uri, headers, extra, region, id))));
    }

    private static Map<String, String> signed(URI uri, Map<String, String> headers, Map<String, String> extra, String region,
                                              AwsCredentialsIdentity identity) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri);
        headers.forEach(request::putHeader);
        extra.forEach(request::putHeader);
        SdkHttpRequest signed = SIGNER.sign(r -> r.identity(identity).request(request.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false))
                .request();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Host") && !h.getValue().isEmpty()) {
                out.put(h.getKey(), h.getValue().get(0));   // what the signature covers, Range and the payer included
            }
        }
        return out;
    }
}
