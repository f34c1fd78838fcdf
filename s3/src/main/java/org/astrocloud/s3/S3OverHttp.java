package org.astrocloud.s3;

import java.net.URI;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.support.ObjectKeys;
import org.astrocloud.http.HttpByteRangeSourceProvider;
import org.astrocloud.http.HttpOptions;
import reactor.core.publisher.Mono;

/**
 * The {@link S3Transport#REACTOR_NETTY} source: the object's https URL read by the http module's
 * source, each GET signed ({@link SigV4Signing}); it answers to (and its errors name) the
 * {@code s3://} URI it was opened with. Only the S3 settings are passed on (never the options of
 * plain HTTP reads, whose tokens are not for S3).
 */
final class S3OverHttp {
    private S3OverHttp() {
    }

    static ByteRangeSource open(URI uri, S3Location location, S3ClientConfig config, boolean requesterPays,
                                S3Clients.Generation clients, HttpByteRangeSourceProvider http) {
        URI url = objectUrl(location, config);
        SourceOptions httpOptions = SourceOptions.empty()
                .with(SourceOptions.CONCURRENCY, config.maxConcurrency())
                .with(HttpOptions.MAX_CONNECTIONS_PER_HOST, config.maxConcurrency())
                .with(HttpOptions.CONNECT_TIMEOUT, config.connectTimeout())
                .with(HttpOptions.READ_TIMEOUT, config.readTimeout())
                .with(HttpOptions.HTTP2, false)
                .with(HttpOptions.SIGNER, new SigV4Signing(clients.signing(config), bucketRegion(location, config, clients),
                        requesterPays, uri, config.credentials() == S3Credentials.ANONYMOUS));
        return http.open(uri, url, httpOptions);
    }

    /** The bucket's own region, asked of S3 when none is configured (the URL's region is configured). */
    private static Mono<String> bucketRegion(S3Location location, S3ClientConfig config, S3Clients.Generation clients) {
        if (config.region() != null) {
            return Mono.empty();
        }
        return Mono.defer(() -> clients.bucketRegion(config, bucketUrl(location, config)));
    }

    /** The bucket's URL: the object's with an empty key. */
    static URI bucketUrl(S3Location location, S3ClientConfig config) {
        return objectUrl(new S3Location(location.bucket(), "", null), config);
    }

    /**
     * Where the object is: under the endpoint (path style unless told otherwise), else at AWS,
     * virtual-hosted ({@code https://bucket.s3.REGION.amazonaws.com/key}, or the global
     * {@code bucket.s3.amazonaws.com} when the region is not known yet), path style for a bucket
     * name with dots (its TLS certificate would not match). The key is percent-encoded but for {@code /}.
     */
    static URI objectUrl(S3Location location, S3ClientConfig config) {
        String key = ObjectKeys.encodePath(location.key());
        String bucket = location.bucket();
        URI endpoint = config.endpoint();
        if (endpoint != null) {
            String base = endpoint.toString().replaceAll("/+$", "");
            if (config.pathStyle()) {
                return URI.create(base + "/" + bucket + "/" + key);
            }
            return URI.create(endpoint.getScheme() + "://" + bucket + "." + endpoint.getRawAuthority()
                    + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "")) + "/" + key);
        }
        String host = config.region() == null ? "s3.amazonaws.com" : "s3." + config.region() + ".amazonaws.com";
        return config.pathStyle() || bucket.contains(".") ? URI.create("https://" + host + "/" + bucket + "/" + key)
                : URI.create("https://" + bucket + "." + host + "/" + key);
    }

}
