package org.astrocloud.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.testservers.RandomFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite of {@code bench/run --faults}, small: 100 names behind the fault proxy over HTTP
 * and S3, with every kind of fault more frequent than in the full run so that each occurs; fits-scan
 * (a JVM of its own at PARANOID, from this test's class path) must get every file right or end it
 * in the typed error its faults call for, print a line for each, leak nothing and end by itself.
 * The servers, the proxy and the checks run in this JVM.
 */
class FaultSuiteTest {
    private static final RandomFaults.Rates OFTEN = new RandomFaults.Rates(0.10, 0.04, 0.04, 0.04, 0.04);

    @TempDir
    Path work;

    @Test
    void everyFileShouldBeRightOrATypedErrorOverHttpAndS3() throws Exception {
        FaultSuite.Settings settings = new FaultSuite.Settings(100, 7, 32, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(120), OFTEN);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        FaultSuite suite = new FaultSuite(settings, work, java, List.of("-cp", System.getProperty("java.class.path"),
                "org.astrocloud.examples.cli.FitsScanCommand"));

        List<FaultSuite.Result> results = suite.run();

        System.out.println(suite.table(results));
        assertEquals(2, results.size());
        for (FaultSuite.Result r : results) {
            String what = r.transport() + ": " + r.tally().examples + "\n" + suite.table(results);
            assertTrue(r.ended(), what);
            assertEquals(0, r.tally().wrong, what);
            assertEquals(0, r.tally().missing, what);
            assertEquals(0, r.leaks(), what);
            assertTrue(r.collections() > 0, "the collector ran, so the leak detector could report: " + what);
            assertEquals(1, r.exit(), "some files failed, so fits-scan exits 1: " + what);
            for (RandomFaults.Kind k : RandomFaults.Kind.values()) {
                assertTrue(r.requests().get(k) > 0, k + " was injected: " + what);
            }
            int typed = r.tally().typedErrors.values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(100, r.tally().right + typed, what);
            assertTrue(r.tally().typedErrors.getOrDefault(FaultCheck.RANGE_NOT_SUPPORTED, 0) > 0, what);
            assertTrue(r.tally().right >= 80, what);
        }
    }
}
