package org.astrocloud.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the module's class path holds next to Spark: one Netty version across every Netty
 * artifact (Spark's own and Reactor Netty's), and one Jackson 2 minor for core (our data
 * references), databind and Spark's jackson-module-scala, which refuses any other databind minor.
 */
class SparkClassPathTest {
    @Test
    void oneNettyVersionServesSparkAndReactorNetty() {
        Map<String, io.netty.util.Version> all = io.netty.util.Version.identify();
        Set<String> versions = new TreeSet<>();
        all.values().forEach(v -> versions.add(v.artifactVersion()));
        assertEquals(1, versions.size(), "Netty artifacts: " + all);
        assertTrue(all.containsKey("netty-codec-http") && all.containsKey("netty-transport"), all.keySet().toString());
    }

    @Test
    void jacksonCoreDatabindAndTheScalaModuleShareSparksMinor() {
        com.fasterxml.jackson.core.Version core = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
        com.fasterxml.jackson.core.Version databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
        assertEquals(2, core.getMajorVersion());
        assertEquals(21, core.getMinorVersion(), "Spark 4.2 ships Jackson 2.21: " + core);
        assertEquals(core.getMinorVersion(), databind.getMinorVersion(), core + " vs databind " + databind);
        // jackson-module-scala checks databind's minor when Spark registers it: a session starts only if it agrees
        assertTrue(SparkTests.session().version().startsWith("4.2"), SparkTests.session().version());
    }
}
