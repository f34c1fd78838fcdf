package org.astrocloud.webflux;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.catalog.CatalogEntry;
import org.astrocloud.fits.catalog.duckdb.CatalogQuery;
import org.astrocloud.fits.catalog.duckdb.CatalogSearch;
import org.astrocloud.fits.error.Redaction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers from the header catalog ({@code astro-cloud.catalog.file}) without reading any object:
 * {@code GET /catalog/query} searches it with a read-only, parameterised form (never SQL from the
 * network), {@code GET /catalog/headers} serves one file's stored headers. Only URIs under the
 * allowed roots are shown. Without a catalog, neither path exists (404).
 *
 * <pre>
 * GET /catalog/query?select=SECTOR,CAMERA,CCD&amp;where=CAMERA=4&amp;where=QUALITY=0&amp;order=-SECTOR&amp;limit=50
 * {"uri":"s3://stpubdata/tess/.../tess-s0022-4-4-cube.fits","SECTOR":22,"CAMERA":4,"CCD":4}
 * </pre>
 */
@RestController
@ConditionalOnProperty("astro-cloud.catalog.file")
public class CatalogController {
    private static final Set<String> PARAMETERS = Set.of("level", "select", "where", "prefix", "order", "limit",
            "offset");

    private final ServiceCatalog catalog;
    private final UriAllowlist allowlist;

    /** The controller over the service's catalog. */
    public CatalogController(ServiceCatalog catalog, UriAllowlist allowlist) {
        this.catalog = catalog;
        this.allowlist = allowlist;
    }

    /**
     * Rows of the catalog as NDJSON, one object per file (or per HDU with {@code level=hdus}):
     * {@code uri} (secrets masked), {@code hdu}, then each selected keyword, typed as its cards are.
     * Parameters: {@code select=K1,K2} (repeatable), {@code where=KEYWORD op VALUE} with op one of
     * {@code = != < <= > >=} (repeatable, all must hold), {@code prefix=URI-PREFIX}, {@code
     * order=COLUMN} or {@code -COLUMN} (uri, hdu or a keyword), {@code limit} (100 or max-rows; at most {@code
     * astro-cloud.catalog.max-rows}), {@code offset}. Any other parameter is refused with 400, as
     * is a keyword that is not one or a value that does not fit its keyword's type.
     */
    @GetMapping(path = "/catalog/query", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Flux<Map<String, Object>> query(@RequestParam MultiValueMap<String, String> parameters) {
        return Mono.fromCallable(() -> search(parameters))
                .flatMap(search -> Mono.usingWhen(
                        Mono.fromCallable(() -> catalog.catalog().sql()).subscribeOn(Schedulers.boundedElastic()),
                        q -> collect(q, search),
                        CatalogQuery::close))
                .onErrorMap(IllegalArgumentException.class, e -> new BadCatalogQueryException(e.getMessage()))
                .flatMapMany(Flux::fromIterable);
    }

    /**
     * One file's headers from the catalog as NDJSON, the lines of {@code GET /headers}, with no
     * request to the object: 404 when the catalog has no entry. The response says when the entry was
     * scanned ({@code X-Catalog-Scanned-At}), whether the scan succeeded ({@code X-Catalog-Outcome:
     * ok} or {@code failed}, then the headers read before the error and an error line) and the
     * object's ETag then ({@code X-Object-ETag}).
     */
    @GetMapping(path = "/catalog/headers", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Mono<ResponseEntity<Flux<HeaderLine>>> headers(@RequestParam("uri") String uri) {
        return allowlist.checked(uri)
                .flatMap(checked -> find(checked).switchIfEmpty(Mono.error(() ->
                        new NotCataloguedException(Redaction.redact(checked)))))
                .map(entry -> {
                    ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                            .header("X-Catalog-Scanned-At", entry.scannedAt().toString())
                            .header("X-Catalog-Outcome", entry.isOk() ? "ok" : "failed");
                    if (entry.object().validator() != null) {
                        response.header("X-Object-ETag", entry.object().validator());
                    }
                    return response.body(lines(entry));
                });
    }

    /** The entry under either spelling of a {@code file:} URI ({@code file:/d/x} as the CLI writes, {@code file:///d/x}). */
    private Mono<CatalogEntry> find(URI uri) {
        Mono<CatalogEntry> exact = catalog.catalog().find(uri);
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            return exact;
        }
        String other = uri.getRawAuthority() == null && uri.getRawSchemeSpecificPart().startsWith("///")
                ? "file:" + uri.getRawPath() : "file://" + uri.getRawPath();
        return exact.switchIfEmpty(Mono.defer(() -> catalog.catalog().find(URI.create(other))));
    }

    private static Flux<HeaderLine> lines(CatalogEntry entry) {
        List<HeaderLine> lines = new ArrayList<>();
        String validator = entry.object().validator();
        entry.headers().forEach(h -> lines.add(HduLine.of(FitsHeader.fromStored(entry.uri(), h, entry.compression(),
                validator))));
        entry.errorText().ifPresent(text -> lines.add(ErrorLine.stored(text)));
        return Flux.fromIterable(lines);
    }

    private CatalogSearch search(MultiValueMap<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new BadCatalogQueryException("unknown parameter " + name + "; the parameters are " + PARAMETERS);
            }
        }
        String level = single(parameters, "level", "files");
        CatalogSearch search = switch (level) {
            case "files" -> CatalogSearch.files();
            case "hdus" -> CatalogSearch.hdus();
            default -> throw new BadCatalogQueryException("level is files or hdus: " + level);
        };
        for (String select : parameters.getOrDefault("select", List.of())) {
            for (String keyword : select.split(",")) {
                if (!keyword.isBlank()) {
                    search = search.select(keyword);
                }
            }
        }
        for (String condition : parameters.getOrDefault("where", List.of())) {
            search = search.where(condition);
        }
        String prefix = single(parameters, "prefix", null);
        if (prefix != null) {
            search = search.uriPrefix(prefix);
        }
        String order = single(parameters, "order", "uri");
        search = order.startsWith("-") ? search.orderBy(order.substring(1), true) : search.orderBy(order, false);
        int limit = (int) number(parameters, "limit", Math.min(100, catalog.maxRows()));
        if (limit < 1 || limit > catalog.maxRows()) {
            throw new BadCatalogQueryException("limit is 1 to " + catalog.maxRows() + ": " + limit);
        }
        return search.limit(limit).offset(number(parameters, "offset", 0))
                .uriPrefixAnyOf(allowlist.catalogPrefixes());   // nothing outside the allowed roots
    }

    private static String single(MultiValueMap<String, String> parameters, String name, String otherwise) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new BadCatalogQueryException("one " + name + " at most");
        }
        return values.isEmpty() ? otherwise : values.get(0);
    }

    private static long number(MultiValueMap<String, String> parameters, String name, long otherwise) {
        String value = single(parameters, name, null);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadCatalogQueryException(name + " is a whole number: " + value);
        }
    }

    /** The search's rows as JSON objects, URIs masked; on the query's (bounded-elastic) thread. */
    private static Mono<List<Map<String, Object>>> collect(CatalogQuery q, CatalogSearch search) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        return q.search(search, new CatalogQuery.RowHandler() {
            @Override
            public void columns(List<String> columns, List<String> types) {
                names.addAll(columns);
            }

            @Override
            public void row(List<Object> values) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    Object value = values.get(i);
                    row.put(names.get(i), i == 0 ? Redaction.redact(URI.create((String) value)) : value);
                }
                rows.add(row);
            }
        }).thenReturn(rows);
    }
}
