package org.astrocloud.fits.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Python script of a test's resources with astropy, the independent judge of several tests.
 * Python is {@code $ASTROPY_PYTHON}, else {@code /usr/bin/python3}. When it cannot import astropy,
 * {@link #require()} skips the test, or fails it when the environment variable {@code CI} is set:
 * CI installs astropy and must not skip such a test silently.
 */
public final class AstropyRunner {
    private final String python;

    private AstropyRunner(String python) {
        this.python = python;
    }

    /** The runner, or the test is skipped (outside CI) or failed (under CI) when astropy is missing. */
    public static AstropyRunner require() throws InterruptedException {
        String env = System.getenv("ASTROPY_PYTHON");
        String python = env == null || env.isBlank() ? "/usr/bin/python3" : env;
        Optional<String> missing = missing(python);
        if (missing.isPresent()) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(missing.get() + " (CI is set: astropy must be installed)");
            }
            Assumptions.abort(missing.get());
        }
        return new AstropyRunner(python);
    }

    /**
     * Copies the resource {@code script} of {@code owner} into {@code dir}, runs it with
     * {@code arguments} and returns its standard output; fails when it exits non-zero or runs longer
     * than {@code timeout}.
     */
    public String run(Class<?> owner, String script, Path dir, List<String> arguments, Duration timeout)
            throws IOException, InterruptedException {
        Path copy = dir.resolve(script);
        try (InputStream in = Objects.requireNonNull(owner.getResourceAsStream("/" + script), "test resource " + script)) {
            Files.copy(in, copy);
        }
        List<String> command = new ArrayList<>(List.of(python, copy.toString()));
        command.addAll(arguments);
        Path stderr = dir.resolve(script + ".stderr");
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<String> stdout = readAsync(p.getInputStream());
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(script + " did not finish in " + timeout.toSeconds() + " s");
        }
        String out = stdout.join();
        if (p.exitValue() != 0) {
            throw new AssertionError(script + " failed:\n" + Files.readString(stderr, StandardCharsets.UTF_8) + "\n" + out);
        }
        return out;
    }

    private static Optional<String> missing(String python) throws InterruptedException {
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

    private static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
