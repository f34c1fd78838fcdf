package org.astrocloud.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The one {@code local[2]} SparkSession of the test JVM (Spark allows one context per JVM), made on
 * first use, bound to 127.0.0.1 (surefire sets {@code spark.driver.host}, {@code spark.driver.bindAddress},
 * {@code spark.ui.enabled=false} and {@code SPARK_LOCAL_IP}), and stopped when the JUnit launcher
 * session closes ({@link StopAtEnd}).
 */
final class SparkTests {
    private static SparkSession session;

    private SparkTests() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("astro-cloud-spark-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }

    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    /** Stops the session at the end of the test run. */
    public static final class StopAtEnd implements LauncherSessionListener {
        /** Made by JUnit. */
        public StopAtEnd() {
        }

        @Override
        public void launcherSessionClosed(LauncherSession launcherSession) {
            stop();
        }
    }

    /** The value of the {@code fitsheaders} scan's SQL metric {@code name} in the plan {@code df} last ran. */
    static long metric(Dataset<Row> df, String name) {
        List<BatchScanExec> scans = new ArrayList<>();
        collectScans(df.queryExecution().executedPlan(), scans);
        if (scans.size() != 1) {
            throw new AssertionError("expected one batch scan, found " + scans.size() + " in " + df.queryExecution().executedPlan());
        }
        return scans.get(0).metrics().apply(name).value();
    }

    private static void collectScans(SparkPlan plan, List<BatchScanExec> into) {
        if (plan instanceof BatchScanExec scan) {
            into.add(scan);
        } else if (plan instanceof AdaptiveSparkPlanExec adaptive) {
            collectScans(adaptive.executedPlan(), into);
        } else if (plan instanceof QueryStageExec stage) {   // a leaf of an adaptive plan, its stage inside
            collectScans(stage.plan(), into);
        }
        for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
            collectScans(child, into);
        }
    }
}
