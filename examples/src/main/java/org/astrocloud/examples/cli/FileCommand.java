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
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.FitsScanner;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/**
 * What the commands that print files one after another ({@code info}, {@code header}) share: the
 * inputs, the source flags, files read {@code --concurrency} at once but printed in input order,
 * errors on stderr as one line each, and the exit code (0 all fine, 1 some file failed).
 */
abstract class FileCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH_OR_URI",
            description = "Local files, directories and globs, file:, http(s): and s3:// URIs, S3 prefixes and globs;"
                    + " @FILE reads one per line from FILE, - from standard input.")
    List<String> inputs;

    @CommandLine.Mixin
    SourceFlags source = new SourceFlags();

    @CommandLine.Option(names = "--no-redact",
            description = "Print URIs exactly as given (by default their secrets are masked).")
    boolean noRedact;

    private final AtomicBoolean anyFailed = new AtomicBoolean();

    @Override
    public final Integer call() {
        Inputs.checkLists(inputs, spec.commandLine());
        FitsScanner scanner = source.scanner(spec.commandLine(), System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        Flux<URI> objects = Inputs.objects(scanner, inputs,
                () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                unlisted -> failed(unlisted.uri(), unlisted.error().orElseThrow()));
        print(scanner, objects, out);
        out.flush();
        return anyFailed.get() ? 1 : 0;
    }

    /** Reads the objects and prints them, in input order. */
    abstract void print(FitsScanner scanner, Flux<URI> objects, PrintWriter out);

    /** Reports a failed file on stderr, in one line. */
    final void failed(URI uri, Throwable error) {
        anyFailed.set(true);
        String why = error instanceof AstroCloudException a ? a.detail() : String.valueOf(error.getMessage());
        PrintWriter err = spec.commandLine().getErr();
        err.println("fits-scan " + spec.name() + ": " + shown(uri) + ": " + error.getClass().getSimpleName() + ": " + why);
        err.flush();
    }

    /** How a file is named in the output: a local path as a path, anything else as its URI, redacted unless {@code --no-redact}. */
    final String shown(URI uri) {
        return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : UriText.of(noRedact).show(uri);
    }
}
