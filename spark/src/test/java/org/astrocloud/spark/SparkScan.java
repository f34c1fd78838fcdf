package org.astrocloud.spark;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark contender of {@code bench/run --spark}: the {@code fitsheaders} source in
 * {@code local[2]} over a URL list, the same URLs and concurrency as {@code fits-scan}. Each round
 * plans the query (reads the list, groups the files into tasks) and aggregates over every row;
 * with {@code -Dbench.cards=true} the aggregate reads the {@code header} map and the {@code cards}
 * (every card converted), else only the structural columns. With more than one round only the last
 * is reported ({@code SCAN_SECONDS s FILES n FAILED f}, as the other contenders print); the
 * session's start is timed apart ({@code SESSION_SECONDS}).
 *
 * <pre>
 * java SPARK_FLAGS [-Dbench.rounds=3] [-Dbench.cards=true] -cp ... org.astrocloud.spark.SparkScan URL_LIST C FILES_PER_PARTITION
 * </pre>
 */
public final class SparkScan {
    private SparkScan() {
    }

    public static void main(String[] args) {
        Path urls = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        int filesPerPartition = Integer.parseInt(args[2]);
        int rounds = Integer.getInteger("bench.rounds", 1);
        boolean cards = Boolean.getBoolean("bench.cards");
        long start = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fitsheaders-bench")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        System.out.printf(Locale.ROOT, "SESSION_SECONDS %.3f%n", (System.nanoTime() - start) / 1e9);
        int perTask = Math.max(1, Math.min(filesPerPartition, total / 2));   // 2 tasks at once: C in flight in all
        List<String> aggregate = cards
                ? List.of("count(*)", "count(error)", "sum(header_size)", "sum(size(header))", "sum(size(cards))")
                : List.of("count(*)", "count(error)", "sum(header_size)", "sum(data_size)", "count(kind)");
        for (int round = 1; round <= rounds; round++) {
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            Dataset<Row> hdus = spark.read().format("fitsheaders").option("uriList", urls.toString())
                    .option("filesPerPartition", String.valueOf(filesPerPartition))
                    .option("concurrency", String.valueOf(perTask))
                    .option("http.maxConnectionsPerHost", String.valueOf(total))   // one pool per executor, shared by its tasks
                    .load();
            Dataset<Row> summary = hdus.selectExpr(aggregate.toArray(String[]::new));
            Row r = summary.collectAsList().get(0);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long files = SparkTests.metric(summary, FitsHeadersMetrics.FilesScanned.NAME);
            long failed = SparkTests.metric(summary, FitsHeadersMetrics.FilesFailed.NAME);
            String line = round == rounds ? "SCAN_SECONDS" : "round " + round + ":";
            System.out.printf(Locale.ROOT, "%s %.3f FILES %d FAILED %d HDUS %d TASKS %d CARDS_BUILT %d JVM_CPU_SECONDS %.2f%n",
                    line, seconds, files, failed, r.getLong(0), (files + filesPerPartition - 1) / filesPerPartition,
                    SparkTests.metric(summary, FitsHeadersMetrics.CardsBuilt.NAME), (cpu() - cpu0) / 1e9);
        }
        spark.stop();
        System.exit(0);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
