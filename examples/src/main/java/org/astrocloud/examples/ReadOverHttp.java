package org.astrocloud.examples;

import java.net.URI;
import java.time.Duration;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.http.RequestHeaders;

/**
 * The README's HTTP example, compiled here: a scan of an https URL with a token, an extra
 * header, a polite connection limit and retries. Run with a URL:
 * {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.ReadOverHttp https://host/file.fits}.
 */
public final class ReadOverHttp {
    private ReadOverHttp() {
    }

    /** Scans the URL given as the first argument and prints what the scan cost. */
    public static void main(String[] args) {
        FitsScanner scanner = FitsScanner.create()
                .option(HttpOptions.MAX_CONNECTIONS_PER_HOST, 8)          // polite to a public archive
                .option(HttpOptions.MAX_RETRIES, 5)                       // 408/429/5xx, resets, time-outs
                .option(HttpOptions.READ_TIMEOUT, Duration.ofSeconds(20));
        String token = System.getenv("ARCHIVE_TOKEN");
        if (token != null) {
            scanner = scanner.option(HttpOptions.BEARER_TOKEN, token)     // never sent to another host
                    .option(HttpOptions.HEADERS, RequestHeaders.empty().with("X-Client", "astro-cloud"));
        }
        ScanResult r = scanner.scanFile(URI.create(args[0])).block(Duration.ofMinutes(2));
        System.out.println(r.headers().size() + " HDUs in " + r.requests() + " requests, " + r.bytesRead()
                + " bytes, " + r.retries() + " retries" + r.error().map(e -> ", failed: " + e.getMessage()).orElse(""));
    }
}
