package org.astrocloud.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.astrocloud.testservers.NginxServer;

/**
 * Every contender on the same files, URLs, concurrency and injected round trip, from one run, as
 * one table. Servers and the latency proxy are separate processes, started and stopped by PID;
 * each contender is its own process, measured with GNU time (wall, CPU, peak RSS), its requests
 * and bytes counted by the latency proxy. See BENCHMARKS.md; {@code bench/run} is the command.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.Shootout [--files 1000] [--concurrency 256]
 *      [--delay-ms 20] [--python-files 1000] [--only NAME,...] [--memory 10000,100000] [--work DIR]
 *      [--jvm-flags "-XX:TieredStopAtLevel=1"] [--link-mbit 1000]
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.Shootout --faults [--files 10000] [--seed 15] [--concurrency 64]
 *      [--read-timeout-ms 2000] [--stall-ms 5000] [--deadline-s 500] [--fault-rates 0.05,0.01,0.01,0.01,0.01]
 * </pre>
 */
public final class Shootout {

    private final Map<String, String> opts;
    private final int files;
    private final int concurrency;
    private final long delayMs;
    private final Path work;
    private final Path jar;
    private final Path fitsScan;
    private final String java;
    private String s3Endpoint;   // the latency proxy's S3 port, known once the proxy runs
    /** The latency proxy's HTTP port as an S3 endpoint: nginx serves the bucket tree path-style to anonymous GETs. */
    private String nginxS3Endpoint;

    private Shootout(Map<String, String> opts) throws IOException {
        this.opts = opts;
        this.files = Integer.parseInt(opts.getOrDefault("files", "1000"));
        this.concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "256"));
        this.delayMs = Long.parseLong(opts.getOrDefault("delay-ms", "20"));
        this.work = Files.createDirectories(Path.of(opts.getOrDefault("work", "bench/target/shootout")).toAbsolutePath());
        this.jar = Path.of(Shootout.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        this.fitsScan = Path.of(opts.getOrDefault("fits-scan", "examples/target/fits-scan.jar")).toAbsolutePath();
        this.java = ProcessHandle.current().info().command().orElse("java");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            boolean flag = args[i].equals("--cutout") || args[i].equals("--index") || args[i].equals("--spark")
                    || args[i].equals("--faults");   // no value
            opts.put(args[i].replaceFirst("^--", ""), flag ? "" : args[++i]);
        }
        Shootout shootout = new Shootout(opts);
        if (opts.containsKey("cutout")) {
            new CutoutShootout(opts, shootout.work, shootout.jar, shootout.java).run();
        } else if (opts.containsKey("faults")) {
            System.exit(shootout.faults() ? 0 : 1);
        } else {
            shootout.run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        List<Integer> memory = opts.containsKey("memory")
                ? Arrays.stream(opts.get("memory").split(",")).map(Integer::parseInt).toList() : List.of();
        int most = Math.max(files, memory.stream().mapToInt(Integer::intValue).max().orElse(0));
        int ffis = Integer.parseInt(opts.getOrDefault("ffis", String.valueOf(files / 10)));
        Path base = work.resolve("base");
        System.err.printf("writing %d names (%d FFIs) under %s%n", most, ffis, base);
        Workload load = Workload.create(base, most - ffis, ffis);
        try (NginxServer nginx = NginxServer.start(base, work.resolve("nginx"));
             ServerProcess s3proxy = startS3Proxy(base);
             ServerProcess proxy = ServerProcess.start(work.resolve("proxy.log"), List.of(java, "-cp", jar.toString(),
                     "-Dproxy.bytesPerSecond=" + Math.round(Double.parseDouble(opts.getOrDefault("link-mbit", "0")) * 1e6 / 8),
                     LatencyProxy.class.getName(), String.valueOf(delayMs), portOf(nginx.url("")),
                     String.valueOf(s3proxy.port())), "READY")) {
            int control = Integer.parseInt(proxy.ready().replaceAll(".*control=(\\d+).*", "$1"));
            String[] ports = proxy.ready().replaceAll(".*ports=([0-9,]+).*", "$1").split(",");
            Lists lists = new Lists(load, "http://127.0.0.1:" + ports[0] + "/" + Workload.BUCKET + "/");
            s3Endpoint = "http://127.0.0.1:" + ports[1];
            nginxS3Endpoint = "http://127.0.0.1:" + ports[0];
            ContenderRunner runner = new ContenderRunner(work, java, control);
            if (!memory.isEmpty()) {
                memoryRuns(runner, lists, memory);
                return;
            }
            if (opts.containsKey("index")) {
                indexRuns(lists, control, base.resolve(Workload.BUCKET));
                return;
            }
            int n = files;
            int pyFiles = Math.min(n, Integer.parseInt(opts.getOrDefault("python-files", "1000")));
            System.err.println("warming up the servers and the proxy");
            runner.run("warm-up http", n, bare("http", lists.plan("http", n)));
            runner.run("warm-up s3", n, bare("s3", lists.plan("s3", n)));
            List<ContenderRunner.Measurement> results = new ArrayList<>();
            Map<String, Contender> all = new LinkedHashMap<>();
            String[] overHttp = scan(lists, "http", n, null, null);
            all.put("fits-scan-http", new Contender("astro-cloud `fits-scan`, HTTP", n, fitsScan(overHttp)));
            // the ./fits-scan wrapper: its class cache (trained once per build, before the timing), on this JDK and on the newest
            all.put("fits-scan-http-cds", new Contender("astro-cloud `./fits-scan`, HTTP, this JDK with its CDS archive", n,
                    wrapper(java, overHttp)));
            all.put("fits-scan-http-newest", new Contender("astro-cloud `./fits-scan`, HTTP, the newest JDK with its class cache", n,
                    wrapper(null, overHttp)));
            all.put("bare-http", new Contender("bare Reactor Netty client, same GETs", n, bare("http", lists.plan("http", n))));
            all.put("library-http", new Contender("astro-cloud `FitsScanner` (library, no output), HTTP", n, jvm(List.of(),
                    "-cp", jar.toString(), LibraryScan.class.getName(), lists.urls("http", n), c())));
            all.put("library-http-warm", new Contender("the same, warm JVM (3rd round)", n, 3, jvm(List.of("-Dbench.rounds=3"),
                    "-cp", jar.toString(), LibraryScan.class.getName(), lists.urls("http", n), c())));
            all.put("bare-http-warm", new Contender("bare Reactor Netty client, warm JVM (3rd round)", n, 3,
                    bare("http", lists.plan("http", n), "-Dbench.rounds=3")));
            all.put("fits-scan-s3", new Contender("astro-cloud `fits-scan`, S3", n, fitsScan(scan(lists, "s3", n, s3Endpoint, null))));
            all.put("bare-s3", new Contender("bare `S3AsyncClient`, same GETs", n, bare("s3", lists.plan("s3", n))));
            all.put("seed", new Contender("one 2,880-byte GET per block (seed approach), HTTP", n, jvm(List.of(),
                    "-cp", jar.toString(), SeedApproach.class.getName(), lists.urls("http", n), c())));
            all.put("astropy", new Contender("astropy + fsspec, defaults, HTTP", pyFiles, List.of("/usr/bin/python3",
                    script(), lists.urls("http", pyFiles), c())));
            all.put("astropy-10000", new Contender("astropy + fsspec, block_size 10,000, HTTP", pyFiles,
                    List.of("/usr/bin/python3", script(), lists.urls("http", pyFiles), c(), "10000")));
            // the S3 clients against nginx, which is not the bottleneck that s3proxy is: what each client costs
            all.put("fits-scan-s3-nginx", new Contender("astro-cloud `fits-scan`, S3 API served by nginx", n,
                    fitsScan(scan(lists, "s3", n, nginxS3Endpoint, null))));
            all.put("fits-scan-s3-netty", new Contender("astro-cloud `fits-scan`, S3, Reactor Netty transport", n,
                    fitsScan(scan(lists, "s3", n, s3Endpoint, "reactor-netty"))));
            all.put("fits-scan-s3-nginx-netty", new Contender("astro-cloud `fits-scan`, S3 API served by nginx, Reactor Netty transport",
                    n, fitsScan(scan(lists, "s3", n, nginxS3Endpoint, "reactor-netty"))));
            // Azure and GCS reads of the same files, also served by nginx (path style, GCS's media path): what
            // their signing and URLs cost over plain HTTP; their emulators would measure themselves (BENCHMARKS.md)
            all.put("fits-scan-azure-nginx", new Contender("astro-cloud `fits-scan`, Azure (Shared Key), served by nginx", n,
                    withEnv(AZURE_KEY_VARIABLE + "=" + BENCH_AZURE_KEY, fitsScan(cloud(lists, "az", n, "--azure-endpoint", nginxS3Endpoint,
                            "--azure-account", "bench", "--azure-key-env", AZURE_KEY_VARIABLE)))));
            all.put("fits-scan-gcs-nginx", new Contender("astro-cloud `fits-scan`, GCS JSON API (anonymous), served by nginx", n,
                    fitsScan(cloud(lists, "gs", n, "--gcs-endpoint", nginxS3Endpoint, "--anonymous"))));
            all.put("bare-s3-nginx", new Contender("bare `S3AsyncClient`, same GETs, S3 API served by nginx", n,
                    bareAt("s3", lists.plan("s3", n), nginxS3Endpoint)));
            all.put("boto3-nginx", new Contender("boto3 thread pool, S3 API served by nginx", pyFiles,
                    List.of("/usr/bin/python3", pythonScript("boto3_threads.py"), lists.urls("s3", pyFiles), c(), nginxS3Endpoint)));
            all.put("aiohttp", new Contender("asyncio + aiohttp, one speculative 34,560-byte GET (tess-cloud's way), HTTP",
                    pyFiles, List.of("/usr/bin/python3", pythonScript("aiohttp_speculative.py"), lists.urls("http", pyFiles), c())));
            all.put("boto3", new Contender("boto3 thread pool, ranged GetObject of 34,560 bytes, S3", pyFiles,
                    List.of("/usr/bin/python3", pythonScript("boto3_threads.py"), lists.urls("s3", pyFiles), c(), s3Endpoint)));
            if (opts.containsKey("spark")) {
                sparkContenders(all, lists, n);
            }
            List<String> only = opts.containsKey("only") ? List.of(opts.get("only").split(","))
                    : opts.containsKey("spark") ? SPARK_RUN : List.copyOf(all.keySet());
            if (only.contains("fits-scan-http-cds") || only.contains("fits-scan-http-newest")) {
                prepareWrapper();
            }
            for (String key : only) {
                Contender k = all.get(key);
                results.add(runner.run(k.name, k.files, k.command).perRound(k.rounds).keyed(key));
            }
            print(load, results, n, pyFiles);
        }
    }

    /** The fault suite ({@link FaultSuite}) over HTTP and S3; whether both runs passed. */
    private boolean faults() throws IOException, InterruptedException {
        FaultSuite suite = new FaultSuite(FaultSuite.Settings.of(opts), work, java, List.of("-jar", fitsScan.toString()));
        List<FaultSuite.Result> results = suite.run();
        emit(header() + suite.table(results));
        return results.stream().allMatch(FaultSuite.Result::passed);
    }

    /** What {@code --spark} runs: fits-scan and the library beside the Spark source, on the same URLs. */
    private static final List<String> SPARK_RUN = List.of("fits-scan-http", "bare-http", "library-http", "spark-http",
            "bare-http-warm", "library-http-warm", "spark-http-warm", "spark-http-warm-cards");

    /**
     * The {@code fitsheaders} source in {@code local[2]} ({@code SparkScan} in the spark module's tests), started
     * with Spark's JVM flags (from spark/pom.xml) and the module's test class path (spark/target/test-classpath.txt,
     * written by the build).
     */
    private void sparkContenders(Map<String, Contender> all, Lists lists, int n) throws IOException {
        Path module = Path.of(opts.getOrDefault("spark-module", "spark")).toAbsolutePath();
        String flags = Files.readString(module.resolve("pom.xml"))
                .replaceAll("(?s).*<spark.jvm.flags>(.*?)</spark.jvm.flags>.*", "$1").trim();
        String cp = module.resolve("target/test-classes") + ":" + module.resolve("target/classes") + ":"
                + Files.readString(module.resolve("target/test-classpath.txt")).trim();
        String perPartition = opts.getOrDefault("files-per-partition", "256");
        List<String> jvm = new ArrayList<>(List.of(flags.split("\\s+")));
        jvm.addAll(List.of("-Xmx2g", "-Dlog4j2.configurationFile=" + module.resolve("src/test/resources/log4j2-test.properties")));
        String main = "org.astrocloud.spark.SparkScan";
        String urls = lists.urls("http", n);
        all.put("spark-http", new Contender("Spark `fitsheaders`, local[2], structural columns, HTTP", n,
                sparkJvm(jvm, List.of(), cp, main, urls, perPartition)));
        all.put("spark-http-warm", new Contender("Spark `fitsheaders`, structural columns, warm JVM (3rd round)", n, 3,
                sparkJvm(jvm, List.of("-Dbench.rounds=3"), cp, main, urls, perPartition)));
        all.put("spark-http-warm-cards", new Contender("Spark `fitsheaders`, with the header map and cards, warm JVM (3rd round)", n, 3,
                sparkJvm(jvm, List.of("-Dbench.rounds=3", "-Dbench.cards=true"), cp, main, urls, perPartition)));
    }

    private List<String> sparkJvm(List<String> base, List<String> flags, String cp, String main, String urls, String perPartition) {
        List<String> all = new ArrayList<>(base);
        all.addAll(flags);
        List<String> cmd = new ArrayList<>(List.of("env", "SPARK_LOCAL_IP=127.0.0.1"));   // else Spark binds the block manager elsewhere
        cmd.addAll(jvm(all, "-cp", cp, main, urls, c(), perPartition));
        return cmd;
    }

    private record Contender(String name, int files, int rounds, List<String> command) {
        Contender(String name, int files, List<String> command) {
            this(name, files, 1, command);
        }
    }

    private String c() {
        return String.valueOf(concurrency);
    }

    /**
     * {@code fits-scan scan} of the first {@code n} files of {@code kind} ({@code http}, or {@code s3} anonymously at
     * {@code endpoint}, over {@code transport} when not null), output discarded: the arguments every fits-scan contender runs.
     */
    private String[] scan(Lists lists, String kind, int n, String endpoint, String transport) throws IOException {
        List<String> args = new ArrayList<>(List.of("scan", "--concurrency", c()));
        if (endpoint == null) {
            args.addAll(List.of("--max-connections-per-host", c()));
        } else {
            args.addAll(List.of("--endpoint", endpoint, "--anonymous"));
        }
        if (transport != null) {
            args.addAll(List.of("--s3-transport", transport));
        }
        args.addAll(List.of("--no-progress", "--out", "/dev/null", "@" + lists.urls(kind, n)));
        return args.toArray(String[]::new);
    }

    /** The environment variable the Azure contender's key is in, and a key (any 64 bytes: nginx checks no signature). */
    private static final String AZURE_KEY_VARIABLE = "BENCH_AZURE_KEY";
    private static final String BENCH_AZURE_KEY = Base64.getEncoder().encodeToString(new byte[64]);

    /** {@code fits-scan scan} of the first {@code n} files as {@code kind} URIs ({@code az}, {@code gs}) with {@code flags}. */
    private String[] cloud(Lists lists, String kind, int n, String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("scan", "--concurrency", c(), "--max-connections-per-host", c()));
        args.addAll(List.of(flags));
        args.addAll(List.of("--no-progress", "--out", "/dev/null", "@" + lists.urls(kind, n)));
        return args.toArray(String[]::new);
    }

    /** {@code command} run with {@code assignment} ({@code NAME=value}) added to its environment. */
    private static List<String> withEnv(String assignment, List<String> command) {
        List<String> all = new ArrayList<>(List.of("env", assignment));
        all.addAll(command);
        return all;
    }

    /** {@code java -jar fits-scan.jar ARGS} in a measured JVM. */
    private List<String> fitsScan(String... args) {
        List<String> all = new ArrayList<>(List.of("-jar", fitsScan.toString()));
        all.addAll(List.of(args));
        return jvm(List.of(), all.toArray(String[]::new));
    }

    /** {@code ./fits-scan ARGS} on {@code jdk}'s java (null: the newest the wrapper finds). */
    private static List<String> wrapper(String jdk, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env"));
        if (jdk != null) {
            cmd.add("FITS_SCAN_JAVA=" + jdk);
        }
        cmd.add(Path.of("fits-scan").toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Lets the wrapper build and train its class caches for both JDKs now, so that no timed run pays for it. */
    private void prepareWrapper() throws IOException, InterruptedException {
        for (String jdk : new String[] {java, null}) {
            Process p = new ProcessBuilder(wrapper(jdk, "--version")).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("./fits-scan --version failed");
            }
        }
    }

    /** A contender script of bench/python. */
    private static String pythonScript(String name) {
        return Path.of("bench/python", name).toAbsolutePath().toString();
    }

    private String script() {
        return Path.of(opts.getOrDefault("python-script", "bench/python/astropy_fsspec.py")).toAbsolutePath().toString();
    }

    private List<String> bare(String kind, Path plan, String... flags) {
        return bareAt(kind, plan, kind.equals("s3") ? s3Endpoint : null, flags);
    }

    private List<String> bareAt(String kind, Path plan, String endpoint, String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", jar.toString(), BareClients.class.getName(), kind,
                plan.toString(), c()));
        if (endpoint != null) {
            args.add(endpoint);
        }
        return jvm(List.of(flags), args.toArray(String[]::new));
    }

    private List<String> jvm(List<String> flags, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(flags);
        if (opts.containsKey("jvm-flags")) {
            cmd.addAll(List.of(opts.get("jvm-flags").trim().split("\\s+")));
        }
        cmd.add("-Xlog:gc,gc+heap+exit:file=" + work.resolve("gc.log"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The catalog phases ({@link IndexPhases}) over HTTP, then over S3, in memory and in a DuckDB file, each its own JVM. */
    private void indexRuns(Lists lists, int control, Path bucket) throws Exception {
        StringBuilder t = new StringBuilder(header());
        for (String catalog : List.of("memory", "duckdb")) {
            for (String kind : List.of("http", "s3")) {
                System.err.println("indexing over " + kind + ", catalog " + catalog);
                List<String> cmd = new ArrayList<>(jvm(List.of("-Dbench.s3Endpoint=" + s3Endpoint), "-cp", jar.toString(),
                        IndexPhases.class.getName(), kind,
                        kind.equals("http") ? lists.urls("http", files) : "s3://" + Workload.BUCKET + "/",
                        String.valueOf(control), bucket.toString(), c()));
                if (catalog.equals("duckdb")) {
                    cmd.add(bucket.resolveSibling("index-" + kind + ".duckdb").toString());
                }
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("IndexPhases " + kind + " failed:\n" + text);
                }
                t.append(String.format(Locale.ROOT, "%nIndex over %s: %,d files (cubes and FFIs), C = %d, r = %d ms, %s,"
                        + " one JVM%s:%n%n", kind.toUpperCase(Locale.ROOT), files, concurrency, delayMs,
                        catalog.equals("duckdb") ? "a DuckDB catalog file (the embedded default)" : "an in-memory catalog",
                        kind.equals("s3") ? ", objects from the bucket's listing (LIST pages counted as requests)" : ", a URL list"));
                text.lines().filter(l -> l.startsWith("|")).forEach(l -> t.append(l).append('\n'));
            }
        }
        emit(t.toString());
    }

    private void memoryRuns(ContenderRunner runner, Lists lists, List<Integer> sizes) throws Exception {
        runner.run("warm-up http", Math.min(sizes.get(0), 2000), bare("http", lists.plan("http", Math.min(sizes.get(0), 2000))));
        List<ContenderRunner.Measurement> results = new ArrayList<>();
        runner.sampleLiveHeap();
        for (int n : sizes) {
            results.add(runner.run("astro-cloud `fits-scan`, HTTP, -Xmx256m", n, jvm(List.of("-Xmx256m"),
                    "-jar", fitsScan.toString(), "scan", "--concurrency", c(), "--max-connections-per-host", c(),
                    "--no-progress", "--out", "/dev/null", "@" + lists.urls("http", n))));
        }
        StringBuilder t = new StringBuilder();
        t.append(header());
        t.append(String.format(Locale.ROOT, "Memory: C = %d, r = %d ms, -Xmx256m%n%n", concurrency, delayMs));
        t.append("| files | failed | wall s | scan s | files/s | CPU s | peak RSS MB | peak heap MB (before a GC)"
                + " | live heap MB (largest of jcmd class histograms, every 5 s) | heap at exit MB |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (ContenderRunner.Measurement r : results) {
            t.append(String.format(Locale.ROOT, "| %,d | %d | %.1f | %.1f | %,.0f | %.1f | %.0f | %.0f | %.0f | %.0f |%n",
                    r.files, r.failed, r.wall, r.scan, r.files / r.scan, r.cpu, r.rssKb / 1024.0, r.peakHeapMb,
                    r.liveHeapMb, r.exitHeapMb));
        }
        emit(t.toString());
    }

    private String header() {
        return String.format(Locale.ROOT, "Run %s on %s, %d cores, %s; command: %s%n%n", LocalDate.now(),
                cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), "bench/run " + String.join(" ", opts.entrySet().stream()
                        .map(e -> ("--" + e.getKey() + " " + e.getValue()).trim()).toList()));
    }

    private void print(Workload load, List<ContenderRunner.Measurement> results, int n, int pyFiles) throws IOException {
        long roundTrips = 0;
        for (int i = 0; i < n; i++) {
            roundTrips += load.ranges(i).size();
        }
        double limit = roundTrips * (delayMs / 1000.0) / concurrency;
        long ffis = load.keys().subList(0, n).stream().filter(k -> k.contains("-ffi-")).count();
        double limitRate = n / limit;
        StringBuilder t = new StringBuilder(header());
        t.append(String.format(Locale.ROOT, "%,d files (%,d sector-22 cubes of 44.3 GB, %,d FFIs), C = %d, r = %d ms;"
                + " astropy runs on the first %,d.%s Latency limit N*H*r/C = %,d dependent round trips * %d ms / %d = %.2f s"
                + " (%,.0f files/s).%n%n", n, n - ffis, ffis, concurrency, delayMs, pyFiles,
                opts.containsKey("link-mbit") ? " Answers share a " + opts.get("link-mbit") + " Mbit/s link." : "", roundTrips, delayMs,
                concurrency, limit, limitRate));
        t.append("| contender | files | failed | wall s | scan s | files/s | req/file | KiB/file | CPU s | peak RSS MB"
                + " | x limit | x bare | astro-cloud is N x faster |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, ContenderRunner.Measurement> byKey = new LinkedHashMap<>();
        results.forEach(r -> byKey.put(r.key, r));
        for (ContenderRunner.Measurement r : results) {
            double rate = r.files / r.scan;
            ContenderRunner.Measurement bare = byKey.get(r.key.endsWith("s3") ? "bare-s3"
                    : r.key.contains("warm") ? "bare-http-warm" : "bare-http");
            ContenderRunner.Measurement us = byKey.get(r.key.endsWith("s3") ? "fits-scan-s3" : "fits-scan-http");
            String xBare = (r.key.startsWith("fits-scan") || r.key.startsWith("library") || r.key.startsWith("spark")) && bare != null
                    ? String.format(Locale.ROOT, "%.2f", (r.scan / r.files) / (bare.scan / bare.files)) : "";
            String faster = us != null && (r.key.startsWith("astropy") || r.key.equals("seed"))
                    ? String.format(Locale.ROOT, "%.1f", (us.files / us.scan) / rate) : "";
            t.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.2f | %.2f | %,.0f | %.1f | %.1f | %.1f | %.0f | %.2f | %s | %s |%n",
                    r.name, r.files, r.failed, r.wall, r.scan, rate, (double) r.requests / r.files,
                    r.bytesDown / 1024.0 / r.files, r.cpu, r.rssKb / 1024.0, limitRate / rate, xBare, faster));
        }
        t.append("\nwall = the process, JVM or Python start included; scan = timed inside the process (what x limit,"
                + " x bare and the speed-ups use); req and KiB per file counted by the latency proxy (response bytes"
                + " on the wire, HTTP heads included); CPU = user + system of the contender's process.\n");
        if (opts.containsKey("spark")) {
            t.append(sparkNotes(results));
        }
        emit(t.toString());
    }

    /** The Spark contenders' own lines (session start, every round's scan, tasks, cards built, JVM CPU), from their logs. */
    private String sparkNotes(List<ContenderRunner.Measurement> results) throws IOException {
        StringBuilder t = new StringBuilder("\nSpark contenders, as they printed (scan = planning + tasks; JVM CPU of the round):\n\n");
        for (ContenderRunner.Measurement r : results) {
            Path log = work.resolve("log-" + r.name.replaceAll("[^A-Za-z0-9]+", "-") + ".txt");
            if (r.key.startsWith("spark") && Files.exists(log)) {
                t.append("- ").append(r.name).append(": ");
                t.append(String.join("; ", Files.readAllLines(log).stream()
                        .filter(l -> l.startsWith("SESSION_SECONDS") || l.startsWith("round") || l.startsWith("SCAN_SECONDS")).toList()));
                t.append('\n');
            }
        }
        return t.toString();
    }

    private void emit(String table) throws IOException {
        System.out.println();
        System.out.print(table);
        Files.writeString(work.resolve("results.md"), table);
        System.err.println("written to " + work.resolve("results.md"));
    }

    private ServerProcess startS3Proxy(Path base) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = work.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=none",
                "s3proxy.jetty.max-threads=" + Math.max(200, 2 * concurrency),
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + base, ""));
        ServerProcess child = ServerProcess.start(work.resolve("s3proxy.log"), List.of(java, "-cp", jar.toString(),
                "org.gaul.s3proxy.Main", "--properties", conf.toString()), null);
        child.awaitPort(port);
        return child;
    }

    private static String portOf(String url) {
        return url.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1");
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceAll("^.*:\\s*", "")).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** The URL lists and bare-client plans, written once per size. */
    private final class Lists {
        private final Workload load;
        private final String httpPrefix;

        Lists(Workload load, String httpPrefix) {
            this.load = load;
            this.httpPrefix = httpPrefix;
        }

        String urls(String kind, int n) throws IOException {
            Path p = work.resolve(kind + "-" + n + ".txt");
            List<String> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                lines.add(target(kind, i));
            }
            Files.write(p, lines);
            return p.toString();
        }

        Path plan(String kind, int n) throws IOException {
            Path p = work.resolve("plan-" + kind + "-" + n + ".txt");
            List<String> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                StringBuilder line = new StringBuilder(kind.equals("s3") ? load.keys().get(i) : target(kind, i));
                for (long[] r : load.ranges(i)) {
                    line.append(' ').append(r[0]).append(',').append(r[1]);
                }
                lines.add(line.toString());
            }
            Files.write(p, lines);
            return p;
        }

        private String target(String kind, int i) {
            String key = load.keys().get(i);
            return switch (kind) {
                case "s3", "az", "gs" -> kind + "://" + Workload.BUCKET + "/" + key;
                default -> httpPrefix + key;
            };
        }
    }
}
