package org.astrocloud.examples.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.RootMap;
import org.astrocloud.fits.data.ChecksumVerifier;
import org.astrocloud.fits.data.FileChecksums;
import org.astrocloud.fits.data.HduChecksum;
import org.astrocloud.fits.data.Verdict;
import org.astrocloud.fits.error.AstroCloudException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/**
 * {@code fits-scan verify}: checks the CHECKSUM and DATASUM of every HDU, as astropy's
 * {@code fitscheck} does, streaming each data unit ({@link ChecksumVerifier}). One line per
 * problem on standard output, a summary on standard error.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks the CHECKSUM and DATASUM keywords of every HDU, like astropy's fitscheck, reading each"
                + " data unit as a stream (whole files are read: a 44 GB cube costs 44 GB).",
        footer = {"", "Prints one line per problem: '<file>: HDU <n>: Checksum verification failed', 'Datasum"
                + " verification failed (DATASUM <v>, computed <v>)', 'Checksum not found', 'Datasum not found'.",
                "Gzip-compressed files are verified in one pass over their decompressed stream. --file-timeout and"
                        + " --scan-timeout do not apply: add none, or stop the command, for files of any size.",
                "Exit codes: 0 every HDU's checksums were present and right, 3 some checksum or datasum failed or"
                        + " was missing (unless --ignore-missing), else 1 some file could not be read, 2 usage error."})
final class VerifyCommand implements Callable<Integer> {
    /** Some checksum or datasum failed, or was missing. */
    static final int BAD = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH_OR_URI",
            description = "Local files, directories and globs, file:, http(s): and s3:// URIs, S3 prefixes and globs;"
                    + " @FILE reads one per line from FILE, - from standard input.")
    List<String> inputs;

    @CommandLine.Mixin
    SourceFlags source = new SourceFlags();

    @Option(names = "--no-redact", description = "Print URIs exactly as given (by default their secrets are masked).")
    boolean noRedact;

    @Option(names = {"-i", "--ignore-missing"}, description = "Missing CHECKSUM or DATASUM keywords are no problem.")
    boolean ignoreMissing;

    @Option(names = "--stats", description = "After each file, print the requests sent and bytes read; totals in the summary.")
    boolean stats;

    @Option(names = "--json", description = "Print one JSON line per HDU (and per error, and per file with --stats) instead.")
    boolean json;

    private final AtomicBoolean anyBad = new AtomicBoolean();
    private final AtomicBoolean anyFailed = new AtomicBoolean();

    @Override
    public Integer call() {
        Inputs.checkLists(inputs, spec.commandLine());
        FitsScanner scanner = source.scanner(spec.commandLine(), System.getenv());
        RootMap roots = scanner.settings().rootMap();
        ChecksumVerifier verifier = ChecksumVerifier.create().options(scanner.options())
                .readAhead(scanner.settings().readAhead()).maxHeaderSize(scanner.settings().maxHeaderSize());
        PrintWriter out = spec.commandLine().getOut();
        VerifyJson lines = new VerifyJson(out, UriText.of(noRedact));
        VerifySummary summary = new VerifySummary();
        Flux<URI> objects = Inputs.objects(scanner, inputs,
                () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                unlisted -> failed(unlisted.uri(), unlisted.error().orElseThrow(), summary));
        objects.flatMapSequential(uri -> verifier.verifyFile(roots.apply(uri)).map(f -> new Verified(uri, f)),
                        source.concurrency, 1)
                .doOnNext(v -> {
                    summary.add(v.file());
                    if (json) {
                        lines.write(v.uri(), v.file(), stats);
                    } else {
                        write(v, out);
                    }
                    v.file().error().ifPresent(e -> failed(v.uri(), e, null));
                    anyBad.compareAndSet(false, v.file().hdus().stream().anyMatch(this::isProblem));
                })
                .blockLast();
        out.flush();
        summary.print(spec.commandLine().getErr(), stats);
        return anyBad.get() ? BAD : anyFailed.get() ? UsageErrors.FAILED : 0;
    }

    /** One file's verification and the URI it was asked for (before any root map). */
    private record Verified(URI uri, FileChecksums file) {
    }

    private boolean isProblem(HduChecksum hdu) {
        return ignoreMissing ? !hdu.isIntact() : !hdu.isOk();
    }

    private void write(Verified v, PrintWriter out) {
        String name = shown(v.uri());
        for (HduChecksum hdu : v.file().hdus()) {
            String at = name + ": HDU " + hdu.index() + ": ";
            if (hdu.checksum() == Verdict.BAD) {
                out.println(at + "Checksum verification failed");
            } else if (hdu.checksum() == Verdict.MISSING && !ignoreMissing) {
                out.println(at + "Checksum not found");
            }
            if (hdu.datasum() == Verdict.BAD) {
                out.println(at + "Datasum verification failed (DATASUM " + hdu.datasumCard().orElse("")
                        + ", computed " + hdu.computedDatasum() + ")");
            } else if (hdu.datasum() == Verdict.MISSING && !ignoreMissing) {
                out.println(at + "Datasum not found");
            }
        }
        if (stats) {
            out.println(name + ": " + v.file().hdus().size() + " HDUs, " + v.file().requests() + " requests, "
                    + v.file().bytesRead() + " bytes read");
        }
        out.flush();
    }

    /** Reports a file that could not be read (or listed) on stderr, in one line. */
    private void failed(URI uri, Throwable error, VerifySummary unlisted) {
        anyFailed.set(true);
        if (unlisted != null) {
            unlisted.unlisted();
        }
        String why = error instanceof AstroCloudException a ? a.detail() : String.valueOf(error.getMessage());
        PrintWriter err = spec.commandLine().getErr();
        err.println("fits-scan verify: " + shown(uri) + ": " + error.getClass().getSimpleName() + ": " + why);
        err.flush();
    }

    /** A local path as a path, anything else as its URI, redacted unless {@code --no-redact}. */
    private String shown(URI uri) {
        return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : UriText.of(noRedact).show(uri);
    }
}
