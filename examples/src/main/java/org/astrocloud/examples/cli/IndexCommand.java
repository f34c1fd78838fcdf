package org.astrocloud.examples.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.catalog.duckdb.CatalogAccessException;
import org.astrocloud.fits.catalog.duckdb.CatalogSchemaException;
import org.astrocloud.fits.catalog.duckdb.DuckDbHeaderCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fits-scan index}: scans into a catalog file, walking only what is new or changed. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Scans the inputs into a header catalog (one DuckDB file), incrementally: an object catalogued"
                + " less than --ttl ago answers with no request; an older entry is checked against the listing's ETag and"
                + " size (S3 prefixes and globs: no request of its own) or revalidated with one request; only new and"
                + " changed objects are read. Prints a summary on stderr; `fits-scan query` and `fits-scan export` read"
                + " the catalog."},
        footer = {"", "The catalog keeps URIs exactly as given (secrets too): keep it as private as the inputs.",
                "Exit codes: 0 every file is catalogued, 1 some file failed, 2 usage error."})
final class IndexCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH_OR_URI",
            description = "As for `scan`: local files, directories and globs, file:, http(s): and s3:// URIs, S3 prefixes"
                    + " and globs; @FILE reads one per line from FILE, - from standard input.")
    List<String> inputs;

    @Option(names = "--catalog", required = true, paramLabel = "FILE",
            description = "The catalog file, created when missing.")
    Path catalog;

    @Option(names = "--ttl", defaultValue = "1d", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an entry answers without a check (30m, 12h, 7d; default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--revalidate", description = "Check every entry now (a ttl of 0): one request per object, none for"
            + " objects listed with an ETag.")
    boolean revalidate;

    @CommandLine.Mixin
    SourceFlags source = new SourceFlags();

    @Option(names = "--stats", description = "End with one JSON line on stdout: {\"type\":\"index\",\"files\":N,"
            + "\"scanned\":N,\"unchanged\":N,\"failed\":N,\"requests\":N,\"listRequests\":N,...}.")
    boolean stats;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar on stderr (default: when there is a terminal).")
    Boolean progress;

    @Option(names = "--summary", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print a summary on stderr at the end (default: on).")
    boolean summary;

    @Override
    public Integer call() {
        Inputs.checkLists(inputs, spec.commandLine());
        FitsScanner base = source.scanner(spec.commandLine(), System.getenv());
        DuckDbHeaderCatalog db = open();
        IndexTally tally = new IndexTally();
        Summary totals = new Summary();
        try {
            KnownEntries known = new KnownEntries(db);
            FitsScanner scanner = base.listener(totals.scanned).catalog(known, revalidate ? Duration.ZERO : ttl);
            AtomicLong planned = new AtomicLong();
            boolean showProgress = progress != null ? progress : Progress.terminalAttached();
            try (Progress bar = showProgress ? Progress.on(System.err, totals) : Progress.off(totals)) {
                scanner.scanAllObjects(Inputs.listed(scanner, inputs,
                                        () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                                        failed -> {
                                            spec.commandLine().getErr().println("fits-scan index: " + failed.uri() + ": "
                                                    + failed.error().map(Why::of).orElse("failed"));
                                            tally.unlisted();
                                        },
                                        (u, n) -> {
                                            if (isS3Listing(u)) {
                                                tally.listed(n);
                                            }
                                        })
                                .doOnNext(o -> bar.planned(planned.incrementAndGet())))
                        .doOnNext(r -> {
                            tally.add(r, known.had(r.resolvedUri()));
                            totals.add(r);
                            r.error().ifPresent(e -> spec.commandLine().getErr().println("fits-scan index: "
                                    + UriText.REDACTED.show(r.resolvedUri()) + ": " + Why.of(e)));
                            bar.done();
                        })
                        .blockLast();
            }
        } finally {
            db.close().block();
        }
        if (summary) {
            tally.print(spec.commandLine().getErr(), catalog.toString());
        }
        if (stats) {
            spec.commandLine().getOut().println(tally.json());
            spec.commandLine().getOut().flush();
        }
        return tally.failed() > 0 ? UsageErrors.FAILED : 0;
    }

    private DuckDbHeaderCatalog open() {
        try {
            return DuckDbHeaderCatalog.open(catalog);
        } catch (CatalogSchemaException | CatalogAccessException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--catalog: " + e.getMessage());
        }
    }

    /** An S3 prefix or glob: listed page by page (a plain key is not listed). */
    private static boolean isS3Listing(URI u) {
        String path = u.getPath() == null ? "" : u.getPath();
        return "s3".equals(u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT))
                && (path.isEmpty() || path.endsWith("/") || path.matches(".*[*?\\[].*"));
    }
}
