package org.astrocloud.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.RootMap;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.http.HttpOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/** {@code fits-scan scan}: prints the headers of each file as JSON Lines, CSV or a table. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Prints every HDU header of each file (JSON Lines by default), with a summary on stderr.",
        footer = {"", "Exit codes: 0 every file was read, 1 some file failed (all results are still printed), 2 usage error."})
final class ScanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH_OR_URI",
            description = "Local paths or URIs: file:, http(s):, s3://bucket/key, s3://bucket/prefix/ and globs"
                    + " (s3://bucket/tess-s0022-*-cube.fits); @FILE reads one per line from FILE, - from standard input.")
    List<String> inputs;

    @Option(names = "--cards", description = "Also print the raw 80-character cards of each header.")
    boolean cards;

    @Option(names = "--stats", description = "After each file, print a \"file\" line: requests, bytes read, size, time.")
    boolean stats;

    @Option(names = "--concurrency", defaultValue = "64", description = "Files scanned at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--read-ahead", defaultValue = "65536", description = "Bytes read at once for a header (default ${DEFAULT-VALUE}).")
    int readAhead;

    @Option(names = "--root-map", paramLabel = "FROM=TO", description = "Rewrite URIs starting with FROM to start with TO (repeatable).")
    List<String> rootMaps = List.of();

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "Send this header with http(s) requests to the hosts of the given URIs, never after a redirect to another host (repeatable).")
    List<String> headers = List.of();

    @Option(names = "--max-connections-per-host", paramLabel = "N",
            description = "HTTP connections open at once to one host (default: --concurrency, at most 64).")
    Integer maxConnectionsPerHost;

    @CommandLine.Mixin
    S3Flags s3 = new S3Flags();

    @Option(names = "--bearer-token-env", paramLabel = "VAR",
            description = "Send 'Authorization: Bearer' with the token in environment variable VAR (http/https).")
    String bearerTokenEnv;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|csv|table",
            description = "Output: JSON Lines (default), CSV or an aligned table, one row per HDU.")
    String format;

    @Option(names = "--keywords", split = ",", paramLabel = "KEY,...",
            description = "Header keywords to show as columns in csv/table output (e.g. NAXIS2,TSTART,SECTOR).")
    List<String> keywords = List.of();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results to FILE instead of standard output.")
    Path outFile;

    @Option(names = "--fail-fast", description = "Stop at the first file that fails (default: report it and go on).")
    boolean failFast;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Record finished files in FILE and skip those already recorded: an interrupted scan restarts where it stopped.")
    Path checkpointFile;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: when there is a terminal).")
    Boolean progress;

    @Option(names = "--summary", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print a summary with a cost estimate on stderr at the end (default: on).")
    boolean summary;

    @Override
    public Integer call() throws IOException {
        if (!List.of("jsonl", "csv", "table").contains(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be jsonl, csv or table");
        }
        Summary totals = new Summary();
        FitsScanner scanner = configure().totals(totals.scanned);
        Checkpoint checkpoint = checkpointFile == null ? Checkpoint.none() : Checkpoint.at(checkpointFile);
        boolean resuming = checkpoint.finishedBefore() > 0;
        try (checkpoint; PrintWriter out = output(resuming)) {
            ResultWriter writer = format.equals("jsonl") ? new JsonLines(out, cards, stats)
                    : new Columns(out, keywords, format.equals("csv"));
            AtomicInteger skipped = new AtomicInteger();
            AtomicLong planned = new AtomicLong();
            AtomicBoolean anyFailed = new AtomicBoolean();
            boolean showProgress = progress != null ? progress : Progress.terminalAttached();
            try (Progress bar = showProgress ? Progress.on(System.err, totals) : Progress.off(totals)) {
                Flux<URI> objects = Inputs.arguments(inputs, () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)))
                        .concatMap(u -> scanner.expand(u).onErrorResume(e -> {
                            ScanResult failed = ScanResult.failed(u, e);
                            writer.write(failed);
                            totals.unlisted();
                            anyFailed.set(true);
                            return Flux.empty();
                        }))
                        .filter(u -> {
                            boolean done = checkpoint.isDone(u.toString());
                            if (done) {
                                skipped.incrementAndGet();
                            }
                            return !done;
                        })
                        .doOnNext(u -> bar.planned(planned.incrementAndGet()));
                scanner.scanAll(objects)
                        .doOnNext(r -> {
                            anyFailed.compareAndSet(false, !r.isOk());
                            writer.write(r);
                            checkpoint.record(r);
                            bar.done();
                        })
                        .takeUntil(r -> failFast && !r.isOk())
                        .blockLast();
            }
            writer.finish();
            if (summary) {
                totals.print(spec.commandLine().getErr(), skipped.get());
            }
            return anyFailed.get() ? 1 : 0;
        }
    }

    private FitsScanner configure() {
        RootMap roots = RootMap.empty();
        for (String mapping : rootMaps) {
            roots = roots.withParsed(mapping);
        }
        FitsScanner scanner = FitsScanner.create().concurrency(concurrency).readAhead(readAhead).rootMap(roots);
        scanner = HttpFlags.apply(scanner, headers, bearerTokenEnv, System.getenv(), spec.commandLine());
        scanner = s3.apply(scanner);
        if (maxConnectionsPerHost != null) {
            scanner = scanner.option(HttpOptions.MAX_CONNECTIONS_PER_HOST, maxConnectionsPerHost);
        }
        return scanner;
    }

    /** Standard output, or {@code --out FILE} (appended to when resuming from a checkpoint). */
    private PrintWriter output(boolean append) throws IOException {
        if (outFile == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            return new PrintWriter(stdout) {
                @Override
                public void close() {
                    flush();
                }
            };
        }
        return new PrintWriter(Files.newBufferedWriter(outFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    }
}
