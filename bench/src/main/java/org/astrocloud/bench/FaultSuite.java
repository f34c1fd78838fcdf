package org.astrocloud.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.NginxServer;
import org.astrocloud.testservers.RandomFaults;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;

/**
 * The fault suite of issue 15 ({@code bench/run --faults}): N names (cubes and FFIs, as in the
 * other benchmarks) behind a {@link FaultProxy} injecting {@link RandomFaults} from a seed, over
 * HTTP (the proxy in front of nginx, or the range server when nginx is missing) and over S3 (the
 * proxy in front of an embedded s3proxy, path style, unsigned). For each, fits-scan runs as its
 * own JVM with Netty's leak detector at PARANOID and a short read time-out, under a total
 * deadline; its lines are checked by {@link FaultCheck}, its standard error searched for
 * {@code LEAK:}.
 */
final class FaultSuite {
    /** fits-scan's heap. */
    static final String HEAP = "256m";
    /** The client's retries (fits-scan's default). */
    static final int RETRIES = 3;

    /** How one suite runs. */
    record Settings(int files, long seed, int concurrency, Duration readTimeout, Duration stall, Duration deadline,
                    RandomFaults.Rates rates) {
        static Settings of(Map<String, String> opts) {
            int files = Integer.parseInt(opts.getOrDefault("files", "10000"));
            return new Settings(files, Long.parseLong(opts.getOrDefault("seed", "15")),
                    Integer.parseInt(opts.getOrDefault("concurrency", "64")),
                    Duration.ofMillis(Long.parseLong(opts.getOrDefault("read-timeout-ms", "2000"))),
                    Duration.ofMillis(Long.parseLong(opts.getOrDefault("stall-ms", "5000"))),
                    Duration.ofSeconds(Long.parseLong(opts.getOrDefault("deadline-s", String.valueOf(Math.max(180, files / 20))))),
                    rates(opts.get("fault-rates")));
        }

        /** {@code "U,R,T,I,S"}: the shares of 503s, resets, truncations, 200s ignoring Range and stalls; issue 15's when null. */
        private static RandomFaults.Rates rates(String text) {
            if (text == null) {
                return RandomFaults.Rates.ISSUE_15;
            }
            double[] r = Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
            if (r.length != 5) {
                throw new IllegalArgumentException("--fault-rates takes 5 numbers: 503s,resets,truncated,ignored-range,stalls");
            }
            return new RandomFaults.Rates(r[0], r[1], r[2], r[3], r[4]);
        }
    }

    /** What one transport's run gave. */
    record Result(String transport, FaultCheck.Tally tally, Map<RandomFaults.Kind, Long> requests, long ignoredRangeBodyBytes,
                  int leaks, int collections, boolean ended, int exit, double wallSeconds, String summary) {
        /** Whether the run is what the issue asks: nothing wrong, missing or leaked, and it ended by itself. */
        boolean passed() {
            return ended && tally.wrong == 0 && tally.missing == 0 && leaks == 0;
        }
    }

    private final Settings settings;
    private final Path work;
    private final String java;
    private final List<String> launch;

    /**
     * A suite writing under {@code work}, starting fits-scan as {@code java} with the JVM flags it
     * adds, then {@code launch} ({@code -jar fits-scan.jar}, or {@code -cp CP MAIN}).
     */
    FaultSuite(Settings settings, Path work, String java, List<String> launch) {
        this.settings = settings;
        this.work = work;
        this.java = java;
        this.launch = List.copyOf(launch);
    }

    /** Both transports on the same files and seed. */
    List<Result> run() throws IOException, InterruptedException {
        Path base = work.resolve("base");
        int ffis = settings.files() / 10;
        System.err.printf("writing %d names (%d FFIs) under %s%n", settings.files(), ffis, base);
        Workload load = Workload.create(base, settings.files() - ffis, ffis);
        List<Result> results = new ArrayList<>();
        if (NginxServer.installed().isPresent()) {
            try (NginxServer nginx = NginxServer.start(base, work.resolve("nginx"))) {
                results.add(transport("HTTP (nginx)", nginx.url(""), load, List.of()));
            }
        } else {
            try (RangeFileServer server = RangeFileServer.serving(base)) {
                results.add(transport("HTTP (range server)", server.url(""), load, List.of()));
            }
        }
        try (S3ProxyServer s3 = S3ProxyServer.filesystem(base).anonymous().start()) {
            results.add(transport("S3 (s3proxy)", s3.endpoint() + "/", load, List.of("--anonymous")));
        }
        return results;
    }

    private Result transport(String name, String upstream, Workload load, List<String> flags)
            throws IOException, InterruptedException {
        RandomFaults faults = new RandomFaults(settings.seed(), settings.rates(), settings.stall());
        try (FaultProxy proxy = new FaultProxy(upstream.replaceFirst("/$", ""), faults, false)) {
            boolean s3 = name.startsWith("S3");
            String tag = s3 ? "s3" : "http";
            Path urls = work.resolve("faults-" + tag + "-urls.txt");
            List<String> lines = new ArrayList<>(settings.files());
            for (int i = 0; i < settings.files(); i++) {
                String key = Workload.BUCKET + "/" + load.keys().get(i);
                lines.add(s3 ? "s3://" + key : proxy.url(key));
            }
            Files.write(urls, lines);
            Path out = work.resolve("faults-" + tag + ".jsonl");
            Path err = work.resolve("faults-" + tag + ".err");
            Path gc = work.resolve("faults-" + tag + "-gc.log");
            Files.deleteIfExists(gc);
            // a small heap, so that the collector runs often and the detector sees every buffer dropped unreleased
            List<String> cmd = new ArrayList<>(List.of(java, "-Dio.netty.leakDetection.level=paranoid", "-Xmx" + HEAP,
                    "-Xlog:gc:file=" + gc));
            cmd.addAll(launch);
            cmd.addAll(List.of("scan", "--concurrency", String.valueOf(settings.concurrency()),
                    "--max-connections-per-host", String.valueOf(settings.concurrency()), "--no-progress",
                    "--read-timeout", settings.readTimeout().toMillis() + "ms", "--out", out.toString()));
            if (s3) {
                cmd.addAll(List.of("--endpoint", "http://127.0.0.1:" + proxy.port()));
            }
            cmd.addAll(flags);
            cmd.add("@" + urls);
            System.err.printf("%s: fits-scan on %,d files through the fault proxy (seed %d)%n", name, settings.files(),
                    settings.seed());
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            boolean ended = p.waitFor(settings.deadline().toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            FaultCheck.Tally tally = FaultCheck.check(out, load, settings.files(), faults, RETRIES, settings.readTimeout());
            int leaks;
            String summary;
            try (Stream<String> errLines = Files.lines(err, StandardCharsets.UTF_8)) {
                List<String> all = errLines.toList();
                leaks = (int) all.stream().filter(l -> l.contains("LEAK:")).count();
                summary = all.stream().filter(l -> l.matches(".*\\d+ files: \\d+ ok, \\d+ failed.*")).findFirst().orElse("");
            }
            int collections;
            try (Stream<String> gcLines = Files.exists(gc) ? Files.lines(gc) : Stream.empty()) {
                collections = (int) gcLines.filter(l -> l.contains("Pause")).count();
            }
            Result r = new Result(name, tally, faults.counts(), proxy.ignoredRangeBodyBytes(), leaks, collections, ended,
                    ended ? p.exitValue() : -1, wall, summary);
            System.err.printf(Locale.ROOT, "  %.1f s: %d right, %s, %d wrong, %d missing, %d LEAK lines, %d late 200s; %s%s%n", wall,
                    tally.right, tally.typedErrors, tally.wrong, tally.missing, leaks, tally.lateIgnoredRange, summary,
                    tally.examples.isEmpty() ? "" : "; " + tally.examples);
            return r;
        }
    }

    /** The results as a Markdown table, with the run's settings. */
    String table(List<Result> results) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%,d files (%,d cubes, %,d FFIs), seed %d, C = %d, read time-out %d ms, stalls %d ms,"
                        + " %d retries; faults per request: %.0f%% 503 (half with Retry-After: 1), %.0f%% resets, %.0f%% truncated bodies,"
                        + " %.0f%% 200 ignoring Range, %.0f%% stalls; fits-scan at -Xmx%s -Dio.netty.leakDetection.level=paranoid,"
                        + " deadline %d s.%n%n",
                settings.files(), settings.files() - settings.files() / 10, settings.files() / 10, settings.seed(),
                settings.concurrency(), settings.readTimeout().toMillis(), settings.stall().toMillis(), RETRIES,
                settings.rates().unavailable() * 100, settings.rates().reset() * 100, settings.rates().truncated() * 100,
                settings.rates().ignoredRange() * 100, settings.rates().stalled() * 100, HEAP, settings.deadline().toSeconds()));
        t.append("| transport | files | right | typed errors | wrong | missing (hangs) | LEAK lines (GCs) | ended by itself (exit)"
                + " | requests | 503 | 503 + Retry-After | resets | truncated | 200 ignoring Range | stalled"
                + " | of them late | body bytes sent on those 200s | wall s |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Map<RandomFaults.Kind, Long> q = r.requests();
            long total = q.values().stream().mapToLong(Long::longValue).sum();
            String typed = r.tally().typedErrors.isEmpty() ? "0" : String.join(", ", r.tally().typedErrors.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey())).toList());
            t.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %d | %d | %d (%d) | %s (%d) | %,d | %,d | %,d | %,d | %,d | %,d | %,d"
                            + " | %,d | %,d | %.1f |%n", r.transport(), r.tally().files, r.tally().right, typed, r.tally().wrong,
                    r.tally().missing, r.leaks(), r.collections(), r.ended() ? "yes" : "NO", r.exit(), total,
                    q.get(RandomFaults.Kind.UNAVAILABLE), q.get(RandomFaults.Kind.UNAVAILABLE_RETRY_AFTER),
                    q.get(RandomFaults.Kind.RESET), q.get(RandomFaults.Kind.TRUNCATED), q.get(RandomFaults.Kind.IGNORED_RANGE),
                    q.get(RandomFaults.Kind.STALLED), r.tally().lateIgnoredRange, r.ignoredRangeBodyBytes(), r.wallSeconds()));
        }
        t.append("\nright = ok with every HDU's header offset and size as nom-tam-fits reads the local file; typed errors ="
                + " the error each file had to end in (RangeNotSupportedException for a file that got a 200 ignoring Range;"
                + " TransientSourceException only for one with more failed requests than retries); missing = no result line; GCs = collections in fits-scan's JVM (the leak detector reports a buffer when it is collected);"
                + " requests counted by the fault proxy; of them late = files whose only 200s ignoring Range upstream gave the proxy"
                + " after half the read time-out (the client may have timed out first: either ending is right);"
                + " body bytes = what the proxy handed to the client's connection on the"
                + " 200s that ignored Range before the client closed it.\n");
        return t.toString();
    }
}
