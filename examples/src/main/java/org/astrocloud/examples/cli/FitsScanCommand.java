package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.astrocloud.fits.spi.ByteRangeSources;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fits-scan}: reads the headers of FITS files, local or in object storage, with range
 * requests, and prints them as JSON Lines, a {@code fitsinfo}-like summary or the cards as stored.
 *
 * <pre>
 * java -jar examples/target/fits-scan.jar info s3://stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits
 * java -jar examples/target/fits-scan.jar header --hdu 1 cube.fits
 * java -jar examples/target/fits-scan.jar scan --stats cube.fits s3://bucket/key.fits
 * java -jar examples/target/fits-scan.jar get --hdu 2 -o table.fits s3://stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits
 * java -jar examples/target/fits-scan.jar verify --stats image.fits https://example.org/data/cube.fits
 * java -jar examples/target/fits-scan.jar cutout cube.fits --pixel 1045,1001 --size 30x30 -o tpf.fits
 * java -jar examples/target/fits-scan.jar index --catalog tess.duckdb s3://stpubdata/tess/public/mast/
 * java -jar examples/target/fits-scan.jar query --catalog tess.duckdb --wide SECTOR 'SELECT * FROM wide_files'
 * java -jar examples/target/fits-scan.jar export --catalog tess.duckdb --parquet out --partition-by SECTOR
 * java -jar examples/target/fits-scan.jar demo
 * </pre>
 */
@Command(name = "fits-scan", mixinStandardHelpOptions = true, version = "fits-scan 0.1.0",
        description = "Reads FITS headers from files and object storage with range requests.",
        subcommands = {InfoCommand.class, HeaderCommand.class, ScanCommand.class, GetCommand.class, CutoutCommand.class,
                VerifyCommand.class, IndexCommand.class, QueryCommand.class, ExportCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class FitsScanCommand implements Runnable {
    /** Kept so that the level set below is not lost when the logger is collected. */
    private static final Logger NOM_TAM_LOG = Logger.getLogger("nom.tam");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code: 0 all files fine, 1 any failed, 2 usage error. */
    public static void main(String[] args) {
        endOnJvmFatalErrors();
        System.exit(run(args));
    }

    /**
     * A JVM-fatal error (an OutOfMemoryError, say) that a thread or Reactor would otherwise drop or
     * log ends the process with a message and exit status 3, instead of a command that stops making
     * progress and never exits. (The {@code fits-scan} script also passes {@code -XX:+ExitOnOutOfMemoryError}.)
     */
    private static void endOnJvmFatalErrors() {
        // made before they are needed: when the heap is gone, building a message fails too
        byte[] message = "fits-scan: fatal: the JVM ran out of memory or failed; ending (exit 3)\n"
                .getBytes(StandardCharsets.UTF_8);
        java.io.FileOutputStream stderr = new java.io.FileOutputStream(java.io.FileDescriptor.err);
        java.util.function.Consumer<Throwable> fatal = e -> {
            if (e instanceof VirtualMachineError || e instanceof LinkageError) {
                try {
                    stderr.write(message);
                } catch (java.io.IOException | Error ignored) {
                    // ending all the same
                }
                Runtime.getRuntime().halt(3);
            }
        };
        reactor.core.publisher.Hooks.onErrorDropped(e -> {
            fatal.accept(e);
            reactor.util.Loggers.getLogger(FitsScanCommand.class).error("an error after its stream had ended", e);
        });
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            fatal.accept(e);
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                e.printStackTrace();
            }
        });
    }

    /** Runs the command line on standard output and error and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /**
     * Runs the command line writing to {@code out} and {@code err} and returns its exit code.
     * Closes the HTTP and S3 clients it used when done ({@link ByteRangeSources#close()}), so that a
     * JVM running several command lines one after another holds no pools or event loops between them.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // nom-tam-fits reports card repairs through java.util.logging; the scan reports what matters itself
        NOM_TAM_LOG.setLevel(Level.SEVERE);
        try {
            return new CommandLine(new FitsScanCommand())
                    .setExpandAtFiles(false)   // @LIST is read by Inputs, lazily, not held whole in memory by picocli
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setParameterExceptionHandler(UsageErrors::usage)
                    .setExecutionExceptionHandler(UsageErrors::failure)
                    .setOut(out).setErr(err).execute(args);
        } finally {
            ByteRangeSources.installed().close();
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: info, header, scan, get, cutout, verify, index, query, export, demo or help");
    }
}
