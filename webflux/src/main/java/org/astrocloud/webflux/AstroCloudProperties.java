package org.astrocloud.webflux;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.s3.S3Credentials;
import org.astrocloud.s3.S3Transport;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's settings, under {@code astro-cloud}:
 *
 * <pre>
 * astro-cloud:
 *   allowed-roots:                       # nothing else is ever read; empty = every URI refused
 *     - https://archive.example.org/
 *     - s3://stpubdata/
 *     - file:/data/fits/                 # local files: only under a file: root (real paths compared)
 *   concurrency: 8                       # files scanned at once by one POST /scans
 *   max-files: 1000                      # files one POST /scans may name or list
 *   read-ahead: 65536                    # first read of a file, in bytes
 *   max-redirects: 0                     # HTTP redirects are not followed: their targets are not checked
 *   s3:
 *     credentials: AUTO                  # AUTO, DEFAULT_CHAIN or ANONYMOUS
 *     region: us-east-1                  # optional
 *     endpoint: http://127.0.0.1:9000    # optional: an S3-compatible store
 *     transport: SDK                     # SDK or REACTOR_NETTY (GETs signed by the SDK, sent by Reactor Netty)
 *   catalog:                             # optional: answer from a header catalog (DuckDB)
 *     file: /data/headers.duckdb         # without it, no catalog and no /catalog endpoints
 *     ttl: 1d                            # entries younger answer with no request
 *     read-only: false                   # true: a catalog fits-scan index built; never written
 *     max-rows: 10000                    # rows one GET /catalog/query returns at most
 * </pre>
 *
 * @param allowedRoots the URI prefixes that may be read, compared with normalized URIs, and the local
 *        directories ({@code file:} roots) whose files may be read
 * @param concurrency files scanned at once by one {@code POST /scans}
 * @param maxFiles files one {@code POST /scans} may name, or list under a prefix
 * @param readAhead the first read of a file, in bytes (at least 2880)
 * @param maxRedirects HTTP redirects followed per request; 0 by default, as their targets bypass the allowlist
 * @param s3 how {@code s3:} URIs are read
 * @param catalog the header catalog the service answers from, if any
 */
@ConfigurationProperties("astro-cloud")
public record AstroCloudProperties(@DefaultValue List<String> allowedRoots,
                                   @DefaultValue("8") int concurrency,
                                   @DefaultValue("1000") int maxFiles,
                                   @DefaultValue("65536") int readAhead,
                                   @DefaultValue("0") int maxRedirects,
                                   @DefaultValue S3 s3,
                                   @DefaultValue Catalog catalog) {

    /**
     * How {@code s3:} URIs are read.
     *
     * @param credentials how requests are signed
     * @param region the region to sign for, or {@code null} for the SDK's choice
     * @param endpoint an S3-compatible endpoint, or {@code null} for AWS
     * @param transport how the ranged GETs are sent
     */
    public record S3(@DefaultValue("AUTO") S3Credentials credentials, String region, URI endpoint,
                     @DefaultValue("SDK") S3Transport transport) {
    }

    /**
     * The header catalog the service answers from. With a file, scans go through it ({@code
     * FitsScanner.catalog}): an entry younger than {@code ttl} answers with no request, an older one
     * is revalidated, and (unless read only) every scan is stored; {@code GET /catalog/query}
     * searches it and {@code GET /catalog/headers} serves headers from it alone.
     *
     * @param file the DuckDB file, created when missing (unless read only); {@code null}: no catalog
     * @param ttl how long an entry answers without a request; 0 revalidates every time
     * @param readOnly open the file read only: scans answer from it but store nothing, and other
     *        processes may read it too (one built by {@code fits-scan index}, say)
     * @param maxRows the most rows one {@code GET /catalog/query} returns
     */
    public record Catalog(Path file, @DefaultValue("1d") Duration ttl, @DefaultValue("false") boolean readOnly,
                          @DefaultValue("10000") int maxRows) {
    }
}
