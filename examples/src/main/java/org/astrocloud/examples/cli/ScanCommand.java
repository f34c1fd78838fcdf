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
import org.astrocloud.fits.ScanPart;
import org.astrocloud.fits.ScanResult;
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
    /** Headers of one file held at most before they are written (in completion order). */
    private static final int HEADERS_PER_PART = 1000;

    /** The order in which results are printed. */
    enum Order { COMPLETION, INPUT }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH_OR_URI",
            description = "Local files, directories (read recursively) and globs ('data/*.fits'), file:, http(s): and"
                    + " s3://bucket/key URIs, S3 prefixes and globs (s3://bucket/tess-s0022-*-cube.fits);"
                    + " @FILE reads one per line from FILE, - from standard input.")
    List<String> inputs;

    @CommandLine.Mixin
    SourceFlags source = new SourceFlags();

    @Option(names = "--cards", description = "Also print the raw 80-character cards of each header (jsonl).")
    boolean cards;

    @Option(names = "--data-refs",
            description = "Give each hdu line a \"data\" object: the HDU's data reference (offset, size, dtype, shapes,"
                    + " scaling, table columns, ETag) that FitsDataReader and `fits-scan cutout` read back (jsonl).")
    boolean dataRefs;

    @Option(names = "--stats", description = "After each file, print a \"file\" line: requests, bytes read, size, time (jsonl).")
    boolean stats;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|csv|table",
            description = "Output: JSON Lines (default), CSV or an aligned table, one row per HDU.")
    String format;

    @Option(names = "--keywords", split = ",", paramLabel = "KEY,...",
            description = "Header keywords to show as columns in csv/table output (NAXIS2,TSTART,SECTOR); * and ? are"
                    + " wildcards (NAXIS*): such a column lists KEY=value of every card that matches.")
    List<String> keywords = List.of();

    @Option(names = "--order", defaultValue = "COMPLETION", paramLabel = "completion|input",
            description = "Print each file as it completes (default), or in input order (at most --concurrency results wait).")
    Order order;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results to FILE instead of standard output.")
    Path outFile;

    @Option(names = "--no-redact",
            description = "Print URIs exactly as given. By default their user info and signature, credential and token"
                    + " query values are masked (****), in every output and in the checkpoint.")
    boolean noRedact;

    @Option(names = "--fail-fast", description = "Stop at the first file that fails (default: report it and go on).")
    boolean failFast;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Record finished files in FILE and skip those already recorded: an interrupted scan restarts where it stopped.")
    Path checkpointFile;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: when there is a terminal).")
    Boolean progress;

    @Option(names = "--summary", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print a summary on stderr at the end, with a cost estimate for network sources (default: on).")
    boolean summary;

    @Override
    public Integer call() throws IOException {
        if (!List.of("jsonl", "csv", "table").contains(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be jsonl, csv or table (was " + format + ")");
        }
        warnAboutFlagsThatDoNotApply();
        Inputs.checkLists(inputs, spec.commandLine());
        Summary totals = new Summary();
        FitsScanner scanner = source.scanner(spec.commandLine(), System.getenv()).listener(totals.scanned);
        Checkpoint checkpoint = checkpointFile == null ? Checkpoint.none() : checkpoint();
        boolean resuming = checkpoint.finishedBefore() > 0;
        try (checkpoint; PrintWriter out = output(resuming)) {
            boolean continuing = resuming && outFile != null && Files.size(outFile) > 0;
            ResultWriter writer = format.equals("jsonl") ? new JsonLines(out, cards, dataRefs, stats, UriText.of(noRedact))
                    : new Columns(out, KeywordPattern.of(keywords), format.equals("csv"), !continuing, UriText.of(noRedact));
            AtomicInteger skipped = new AtomicInteger();
            AtomicLong planned = new AtomicLong();
            AtomicBoolean anyFailed = new AtomicBoolean();
            boolean showProgress = progress != null ? progress : Progress.terminalAttached();
            try (Progress bar = showProgress ? Progress.on(System.err, totals) : Progress.off(totals)) {
                Flux<URI> objects = Inputs.objects(scanner, inputs,
                                () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                                failed -> {
                                    writer.write(failed);
                                    totals.unlisted();
                                    anyFailed.set(true);
                                })
                        .filter(u -> {
                            boolean done = checkpoint.isDone(u);
                            if (done) {
                                skipped.incrementAndGet();
                            }
                            return !done;
                        })
                        .doOnNext(u -> bar.planned(planned.incrementAndGet()));
                // in completion order a file's headers go out in pieces as they are read (memory per file
                // bounded whatever its HDU count); in input order each file waits for those before it, whole
                Flux<ScanPart> parts = order == Order.INPUT
                        ? scanner.scanAllInOrder(objects).map(ResultWriter::whole)
                        : scanner.scanAllInParts(objects, HEADERS_PER_PART);
                parts.doOnNext(part -> {
                            writer.write(part);
                            part.end().ifPresent(r -> {
                                anyFailed.compareAndSet(false, !r.isOk());
                                totals.add(r);
                                checkpoint.record(r);
                                bar.done();
                            });
                        })
                        .takeUntil(part -> failFast && part.end().map(r -> !r.isOk()).orElse(false))
                        .blockLast();
            }
            writer.finish();
            writer.warnings().forEach(this::warn);
            if (summary) {
                totals.print(spec.commandLine().getErr(), skipped.get());
            }
            return anyFailed.get() ? 1 : 0;
        }
    }

    private void warnAboutFlagsThatDoNotApply() {
        if (!format.equals("jsonl")) {
            if (cards) {
                warn("--cards applies to --format jsonl only; ignored");
            }
            if (stats) {
                warn("--stats applies to --format jsonl only; ignored");
            }
        } else if (!keywords.isEmpty()) {
            warn("--keywords applies to --format csv and table only (jsonl prints every keyword); ignored");
        }
    }

    private void warn(String message) {
        spec.commandLine().getErr().println("fits-scan scan: warning: " + message);
    }

    private Checkpoint checkpoint() {
        try {
            return Checkpoint.at(checkpointFile);
        } catch (java.io.UncheckedIOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint: cannot use " + checkpointFile
                    + ": " + Why.of(e.getCause()));
        }
    }

    /** Standard output, or {@code --out FILE} (appended to when resuming from a checkpoint). */
    private PrintWriter output(boolean append) {
        if (outFile == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            return new PrintWriter(stdout) {
                @Override
                public void close() {
                    flush();
                }
            };
        }
        try {
            return new PrintWriter(Files.newBufferedWriter(outFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: cannot write " + outFile + ": " + Why.of(e));
        }
    }
}
