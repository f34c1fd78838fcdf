package org.astrocloud.webflux;

import java.net.URI;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams FITS headers. Every URI is checked against the allowlist before anything is read, and
 * each response is the scanner's {@code Flux} itself: WebFlux requests lines as the connection
 * takes them, and a client that disconnects cancels the reads in flight.
 */
@RestController
public class FitsHeaderController {
    private final FitsScanner scanner;
    private final UriAllowlist allowlist;
    private final int maxFiles;
    private final boolean throughCatalog;

    /** The controller over one shared scanner; {@code catalog} says whether the scanner has one. */
    public FitsHeaderController(FitsScanner scanner, UriAllowlist allowlist, AstroCloudProperties properties,
                                ObjectProvider<ServiceCatalog> catalog) {
        this.scanner = scanner;
        this.allowlist = allowlist;
        this.maxFiles = properties.maxFiles();
        this.throughCatalog = catalog.getIfAvailable() != null;
    }

    /**
     * One file's headers as NDJSON, one line per HDU. With a catalog, a fresh entry answers with no
     * request (the file's scan is whole before the first line); without, lines go out as HDUs are read.
     */
    @GetMapping(path = "/headers", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Flux<HeaderLine> headers(@RequestParam("uri") String uri) {
        return allowlist.checked(uri)                             // 403 before any read
                .flatMapMany(throughCatalog ? this::scannedThroughCatalog : scanner::scan)   // cold: reads as asked
                .map(HduLine::of)
                .transform(HeaderLine::errorLineOnceStarted);     // 404/502 before the first line, an error line after
    }

    /** The headers of one scan through the catalog, then its error if it failed. */
    private Flux<FitsHeader> scannedThroughCatalog(URI uri) {
        return scanner.scanFile(uri).flatMapMany(r -> Flux.fromIterable(r.headers())
                .concatWith(r.error().map(Flux::<FitsHeader>error).orElse(Flux.empty())));
    }

    /** One file's headers as Server-Sent Events: an event per HDU, and {@code event: error} if it fails after the first. */
    @GetMapping(path = "/headers", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<HeaderLine>> headerEvents(@RequestParam("uri") String uri) {
        return headers(uri).map(HeaderLine::event);               // an error after the first HDU: event: error
    }

    /** Scans many files, {@code astro-cloud.concurrency} at once: one line per file, as each completes. */
    @PostMapping(path = "/scans", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Flux<ScanLine> scans(@RequestBody ScanRequest request) {
        request.validate(maxFiles);                               // 400: no files, or too many
        if (request.prefix() == null) {
            return allowlist.checkedAll(request.uris())           // all checked before any read
                    .flatMapMany(uris -> scanner.scanAll(Flux.fromIterable(uris)))
                    .map(ScanLine::of);
        }
        return allowlist.checked(request.prefix()).flatMapMany(prefix -> {
            Flux<URI> listed = scanner.expand(prefix).filter(allowlist::allows).take(maxFiles);
            return scanner.scanAll(listed)
                    .onErrorResume(e -> Mono.just(ScanResult.failed(prefix, e)));   // the listing failed: a line for it
        }).map(ScanLine::of);
    }
}
