package org.astrocloud.fits.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs astropy (Debian's {@code python3-astropy}) as an independent judge in tests: finds a
 * Python that can import it, and runs the Python scripts among core's test resources.
 *
 * <p>Python is {@code $ASTROPY_PYTHON}, else {@code /usr/bin/python3}. When it cannot import
 * astropy, tests are skipped, or fail if the environment variable {@code CI} is set: CI installs
 * astropy, and must not skip them silently ({@link #unavailable()}).
 */
public final class Astropy {
    private Astropy() {
    }

    /**
     * The Python to run.
     *
     * @return {@code $ASTROPY_PYTHON}, else {@code /usr/bin/python3}
     */
    public static String python() {
        String env = System.getenv("ASTROPY_PYTHON");
        return env == null || env.isBlank() ? "/usr/bin/python3" : env;
    }

    /**
     * Why {@link #python()} cannot import astropy.
     *
     * @return the reason; empty when it can
     * @throws InterruptedException if interrupted while waiting for Python
     */
    public static Optional<String> missing() throws InterruptedException {
        String python = python();
        String why;
        try {
            Process p = new ProcessBuilder(python, "-c", "import astropy").redirectErrorStream(true).start();
            p.getOutputStream().close();
            CompletableFuture<String> output = readAsync(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why = "'import astropy' did not finish in 60 s";
            } else {
                why = p.exitValue() == 0 ? null : "'import astropy' failed: " + output.join().strip();
            }
        } catch (IOException e) {
            why = "cannot run it: " + e.getMessage();
        }
        return Optional.ofNullable(why)
                .map(w -> "no astropy with " + python + " (set ASTROPY_PYTHON to a Python that has it): " + w);
    }

    /**
     * Empty when astropy can be run; else a dynamic test that is skipped with the reason (so that
     * the skip shows in the reports, which an aborted test factory's does not).
     *
     * @return the skipped test, or empty
     * @throws AssertionError if astropy is missing and {@code CI} is set
     * @throws InterruptedException if interrupted while waiting for Python
     */
    public static Optional<DynamicTest> unavailable() throws InterruptedException {
        Optional<String> missing = missing();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        if (System.getenv("CI") != null) {
            fail(missing.get() + "; CI is set, so astropy must be installed (python3-astropy)");
        }
        return Optional.of(DynamicTest.dynamicTest("astropy", () -> Assumptions.assumeTrue(false, missing.get())));
    }

    /**
     * Runs the core test resource {@code script} (copied into {@code dir}) with {@code args} and
     * returns what it printed on standard output.
     *
     * @param dir where the script is copied to
     * @param script the name of the test resource
     * @param args its arguments
     * @param timeout how long it may run
     * @return its standard output
     * @throws AssertionError if it fails or does not finish within {@code timeout}
     * @throws Exception if it cannot be run
     */
    public static String run(Path dir, String script, List<String> args, Duration timeout) throws Exception {
        Path copy = dir.resolve(script);
        if (!Files.exists(copy)) {
            try (InputStream in = Astropy.class.getResourceAsStream("/" + script)) {
                assertNotNull(in, "test resource " + script);
                Files.copy(in, copy);
            }
        }
        List<String> command = new ArrayList<>(List.of(python(), copy.toString()));
        command.addAll(args);
        Path stderr = Files.createTempFile(dir, script, ".stderr");
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<String> stdout = readAsync(p.getInputStream());
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(script + " did not finish in " + timeout.toSeconds() + " s");
        }
        String out = stdout.get(10, TimeUnit.SECONDS);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> script + " failed:\n" + err + "\n" + out);
        return out;
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A number as Python's {@code repr} prints it, {@code nan}, {@code inf} and {@code -inf} included. */
    public static double pythonFloat(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
