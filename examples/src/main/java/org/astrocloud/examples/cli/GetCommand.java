package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.astrocloud.fits.data.Download;
import org.astrocloud.fits.data.DownloadProgress;
import org.astrocloud.fits.data.DownloadResult;
import org.astrocloud.fits.data.Downloads;
import org.astrocloud.fits.data.HduSelection;
import org.astrocloud.fits.data.RangePastEndException;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.spi.ByteRange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fits-scan get}: downloads an object, a byte range of it or one HDU as a standalone FITS
 * file, resumably, reading only the bytes it writes.
 *
 * <pre>
 * fits-scan get s3://stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits --hdu 2 -o table.fits
 * fits-scan get https://host/image.fits --range 0-2879 -o - | xxd | head
 * </pre>
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Downloads an object, a byte range of it (--range) or one HDU as a FITS file of its own (--hdu).",
                "Writes to FILE.part first and renames it when done; run the same command again after an interruption"
                        + " and it goes on where it stopped, unless the object changed (then it starts over and says so)."},
        footer = {"", "Exit codes: 0 downloaded, 1 the download failed, 2 usage error."})
final class GetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH_OR_URI", description = "The object: a local path, file:, http(s): or s3:// URI.")
    String input;

    @Option(names = {"-e", "--hdu"}, paramLabel = "N|EXTNAME|EXTNAME,EXTVER",
            description = "Only this HDU, as a standalone FITS file: HDU 0 as stored; any other after a minimal primary"
                    + " header, its header and data byte for byte. Not for gzip-compressed files.")
    String hdu;

    @Option(names = "--range", paramLabel = "A-B",
            description = "Only bytes A to B, inclusive as in HTTP (0-2879 is the first 2880 bytes), or A- from A to the end.")
    String range;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write (default: the URI's last path segment in the current directory); - for standard"
                    + " output (not resumable).")
    String output;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: when there is a terminal).")
    Boolean progress;

    @Option(names = "--stats", description = "Print the requests sent and the bytes read and written on stderr.")
    boolean stats;

    @Option(names = "--no-redact", description = "Print URIs exactly as given (by default their secrets are masked).")
    boolean noRedact;

    @CommandLine.Mixin
    SourceFlags source = new SourceFlags();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (hdu != null && range != null) {
            throw new CommandLine.ParameterException(cl, "--hdu and --range cannot be used together");
        }
        URI uri;
        try {
            uri = Inputs.toUri(input);
        } catch (InvalidUriException e) {
            throw new CommandLine.ParameterException(cl, "not a path or URI: " + e.getMessage());
        }
        Download download = narrowed(Downloads.create().scanner(source.scanner(cl, System.getenv())).get(uri), cl);
        boolean toStdout = "-".equals(output);
        Path out = toStdout ? null : output != null ? Path.of(output) : defaultOutput(uri, cl);
        if (out != null && "file".equals(uri.getScheme())
                && Path.of(uri).toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(cl, out + " is the file being downloaded: give another -o FILE");
        }
        PrintWriter err = cl.getErr();
        DownloadBar bar = (progress != null ? progress : Progress.terminalAttached()) ? new DownloadBar(System.err, "get") : null;
        Consumer<DownloadProgress> listener = bar == null ? p -> { } : bar::update;
        DownloadResult result;
        try (bar) {
            result = run(download.onProgress(listener), out, toStdout);
        } catch (RangePastEndException e) {
            throw new CommandLine.ParameterException(cl, (range == null ? "--hdu " + hdu : "--range " + range) + ": "
                    + e.detail());
        }
        report(result, uri, err);
        return 0;
    }

    private Download narrowed(Download download, CommandLine cl) {
        if (hdu != null) {
            HduSelector s = HduSelector.parse(hdu);
            return download.hdu(s.index() != null ? HduSelection.index(s.index())
                    : s.version() != null ? HduSelection.named(s.name(), s.version()) : HduSelection.named(s.name()));
        }
        if (range == null) {
            return download;
        }
        try {
            RangeArgument r = RangeArgument.parse(range);
            return r.toEnd() ? download.from(r.first()) : download.range(ByteRange.of(r.first(), r.last() - r.first() + 1));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--range " + e.getMessage());
        }
    }

    private static DownloadResult run(Download download, Path out, boolean toStdout) {
        // the command's main thread waits for the download, which runs on the I/O threads
        if (!toStdout) {
            return download.writeTo(out).block();
        }
        StdoutSink sink = new StdoutSink(System.out);
        DownloadResult result = download.writeTo(sink).block();
        sink.flush();
        return result;
    }

    /** The URI's last path segment, in the current directory. */
    private Path defaultOutput(URI uri, CommandLine cl) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new CommandLine.ParameterException(cl, shown(uri) + " has no file name to save it as: give -o FILE");
        }
        return Path.of(name);
    }

    private void report(DownloadResult r, URI uri, PrintWriter err) {
        String where = r.path() == null ? "standard output" : r.path().toString();
        if (r.restarted()) {
            err.println("fits-scan get: " + shown(uri) + " changed since the part was written (its size or ETag differs):"
                    + " started over");
        } else if (r.resumedFrom() > 0) {
            err.println("fits-scan get: resumed " + where + " at byte " + r.resumedFrom());
        }
        if (stats) {
            err.printf(Locale.ROOT, "fits-scan get: %d bytes in %s (%d written by this run); %d requests, %d bytes read"
                    + " from %s%n", r.size(), where, r.bytesWritten(), r.requests(), r.bytesRead(), shown(uri));
        }
        err.flush();
    }

    private String shown(URI uri) {
        return UriText.of(noRedact).show(uri);
    }
}
