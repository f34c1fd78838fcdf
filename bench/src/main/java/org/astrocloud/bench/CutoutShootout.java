package org.astrocloud.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.NginxServer;

/**
 * The 30x30 cutout of a full-size sparse sector-22 cube (44.3 GB; the box's 8.99 MB of pixels
 * written with known values) over HTTP through the latency proxy: astro-cloud's reader against
 * astropy + fsspec the way astrocut reads cloud cubes (block_size 10,000, one {@code .section} per
 * cutout row in a thread pool), astropy's {@code .section} in one call, and downloading the cube
 * (the first 2 GiB measured, the whole extrapolated at the measured rate), and ours once more from a
 * stored data reference (no header walk, the limit's one round). A sweep of the planner's gap
 * threshold on FFI sections follows ({@link CoalescingSweep}). Every contender is its
 * own process under GNU time; requests and bytes are counted by the proxy; each prints the sum of
 * the 32-bit patterns of what it read, which must agree.
 *
 * <pre>
 * bench/run --cutout [--delay-ms 20] [--link-mbit 1000] [--only NAME,...]
 * </pre>
 */
final class CutoutShootout {
    static final int FRAMES = 1248;
    static final int ROW0 = 1000;
    static final int COL0 = 500;
    static final int SIZE = 30;
    static final long PIXEL_BYTES = 2L * FRAMES * 4;
    static final long BOX_BYTES = SIZE * SIZE * PIXEL_BYTES;   // 8,985,600
    private static final long PARTIAL_DOWNLOAD = 2L << 30;
    private static final Pattern SUM = Pattern.compile("SUM (\\d+)");

    private final Map<String, String> opts;
    private final Path work;
    private final Path jar;
    private final String java;

    CutoutShootout(Map<String, String> opts, Path work, Path jar, String java) {
        this.opts = opts;
        this.work = work;
        this.jar = jar;
        this.java = java;
    }

    void run() throws Exception {
        Path base = Files.createDirectories(work.resolve("cutout-base"));
        Path cube = writeCube(base.resolve("tess-s0022-1-1-cube.fits"));
        long delayMs = Long.parseLong(opts.getOrDefault("delay-ms", "20"));
        double mbit = Double.parseDouble(opts.getOrDefault("link-mbit", "1000"));
        try (NginxServer nginx = NginxServer.start(base, work.resolve("cutout-nginx"));
             ServerProcess proxy = ServerProcess.start(work.resolve("cutout-proxy.log"), List.of(java, "-cp", jar.toString(),
                     "-Dproxy.bytesPerSecond=" + Math.round(mbit * 1e6 / 8), LatencyProxy.class.getName(),
                     String.valueOf(delayMs), nginx.url("").replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1")), "READY")) {
            int control = Integer.parseInt(proxy.ready().replaceAll(".*control=(\\d+).*", "$1"));
            String port = proxy.ready().replaceAll(".*ports=([0-9,]+).*", "$1").split(",")[0];
            String url = "http://127.0.0.1:" + port + "/" + cube.getFileName();
            ContenderRunner runner = new ContenderRunner(work, java, control);
            String python = Path.of("bench/python/astrocut_fsspec_cutout.py").toAbsolutePath().toString();
            String[] box = {String.valueOf(ROW0), String.valueOf(COL0), String.valueOf(SIZE), String.valueOf(SIZE)};
            Map<String, List<String>> all = new LinkedHashMap<>();
            all.put("astro-cloud", jvm("-cp", jar.toString(), LibraryCutout.class.getName(), url, box[0], box[1], box[2], box[3]));
            all.put("astro-cloud-warm", jvm("-Dbench.rounds=3", "-cp", jar.toString(), LibraryCutout.class.getName(), url,
                    box[0], box[1], box[2], box[3]));
            Path ref = work.resolve("cutout-reference.json");
            Files.writeString(ref, DataReference.of(FitsScanner.create().scan(cube.toUri()).elementAt(1)
                    .block(Duration.ofMinutes(1))).withUri(URI.create(url)).toJson(false));
            all.put("astro-cloud-ref", jvm("-cp", jar.toString(), LibraryCutout.class.getName(), url, box[0], box[1], box[2],
                    box[3], ref.toString()));
            all.put("astrocut-fsspec", List.of("/usr/bin/python3", python, url, box[0], box[1], box[2], box[3],
                    String.valueOf(SIZE), "10000"));
            all.put("astrocut-fsspec-warm", List.of("/usr/bin/env", "BENCH_ROUNDS=3", "/usr/bin/python3", python, url, box[0],
                    box[1], box[2], box[3], String.valueOf(SIZE), "10000"));
            all.put("astropy-section", List.of("/usr/bin/python3", python, url, box[0], box[1], box[2], box[3], "1"));
            all.put("download", List.of("/usr/bin/curl", "-sS", "-o", "/dev/null", "-r", "0-" + (PARTIAL_DOWNLOAD - 1),
                    "-w", "SCAN_SECONDS %{time_total} FILES 1 FAILED 0\\n", url));
            runner.run("warm-up", 1, all.get("astro-cloud"));
            List<String> only = opts.containsKey("only") ? List.of(opts.get("only").split(",")) : List.copyOf(all.keySet());
            Map<String, ContenderRunner.Measurement> results = new LinkedHashMap<>();
            Map<String, String> sums = new LinkedHashMap<>();
            for (String key : only) {
                ContenderRunner.Measurement m = runner.run(key, 1, all.get(key));
                if (key.endsWith("warm")) {   // three rounds in one process, the third timed
                    m.perRound(3);
                }
                results.put(key, m.keyed(key));
                Matcher sum = SUM.matcher(Files.readString(work.resolve("log-" + key.replaceAll("[^A-Za-z0-9]+", "-") + ".txt")));
                sums.put(key, sum.find() ? sum.group(1) : "");
            }
            print(results, sums, delayMs, mbit, Files.size(cube));
            if (!opts.containsKey("only")) {
                sweep(base, control, port);
            }
        }
    }

    /** The gap sweep on a calibrated FFI behind the same proxy: one JVM, its table appended to the results. */
    private void sweep(Path base, int control, String port) throws Exception {
        Path ffi = base.resolve("ffi-s.fits");
        Files.deleteIfExists(ffi);
        TessFiles.writeFfi(ffi, 1, 1, TessFiles.FfiVariant.STANDARD);
        System.err.println("running the coalescing sweep");
        Process p = new ProcessBuilder(java, "-cp", jar.toString(), CoalescingSweep.class.getName(),
                "http://127.0.0.1:" + port + "/" + ffi.getFileName(), String.valueOf(control))
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the sweep failed:\n" + text);
        }
        String table = "\nCoalescing: sections of a calibrated FFI (2078 x 2136 float32, rows of 8,544 bytes) by"
                + " Coalescing.maxGap, warm JVM, median of 5, the same proxy:\n\n"
                + text.lines().filter(l -> l.startsWith("|")).reduce("", (a, b) -> a + b + "\n");
        System.out.print(table);
        Files.writeString(work.resolve("cutout-results.md"), table, StandardOpenOption.APPEND);
    }

    /** How much faster ours is: cold against cold, warm against warm. */
    private static String faster(ContenderRunner.Measurement r, Map<String, ContenderRunner.Measurement> results, double seconds) {
        ContenderRunner.Measurement ours = results.get(r.key.endsWith("warm") ? "astro-cloud-warm" : "astro-cloud");
        return ours == null || r.key.startsWith("astro-cloud") ? "" : String.format(Locale.ROOT, "%.1f", seconds / ours.scan);
    }

    private List<String> jvm(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.add("-Xlog:gc,gc+heap+exit:file=" + work.resolve("gc.log"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The sparse cube with the box's pixels set: value(row, col, frame, plane) as in the tests. */
    static Path writeCube(Path file) throws IOException {
        Files.deleteIfExists(file);
        TessFiles.writeCube(file, 22, 1, 1, FRAMES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int row = ROW0; row < ROW0 + SIZE; row++) {
                ByteBuffer run = ByteBuffer.allocate((int) (SIZE * PIXEL_BYTES));
                for (int col = COL0; col < COL0 + SIZE; col++) {
                    for (int frame = 0; frame < FRAMES; frame++) {
                        run.putFloat(row * 10_000f + col + frame / 2048f).putFloat(row * 10_000f + col + frame / 2048f + 0.25f);
                    }
                }
                ch.write(run.flip(), 5760 + 4L * ((row * 2136L + COL0) * FRAMES * 2));
            }
        }
        return file;
    }

    private void print(Map<String, ContenderRunner.Measurement> results, Map<String, String> sums, long delayMs,
                       double mbit, long cubeBytes) throws IOException {
        double linkBytesPerSecond = mbit * 1e6 / 8;
        double limit = delayMs / 1000.0 + (mbit > 0 ? BOX_BYTES / linkBytesPerSecond : 0);
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Run %s, %d cores, %s %s; command: bench/run --cutout%s%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                opts.entrySet().stream().filter(e -> !e.getKey().equals("cutout")).map(e -> " --" + e.getKey() + " " + e.getValue())
                        .reduce("", String::concat)));
        t.append(String.format(Locale.ROOT, "A %dx%d cutout (all %d frames, flux and error: %,d bytes of pixels in %d runs of %,d"
                        + " bytes, 21.3 MB apart) of a %,d-byte sector-22 cube over HTTP, r = %d ms per request, %s."
                        + " Limit: r + pixels / link = %.3f s.%n%n", SIZE, SIZE, FRAMES, BOX_BYTES, SIZE,
                SIZE * PIXEL_BYTES, cubeBytes, delayMs, mbit > 0 ? String.format(Locale.ROOT, "one %.0f Mbit/s link", mbit)
                        : "no link limit (loopback)", limit));
        t.append("| contender | wall s | in-process s | requests | MB down | x pixels' bytes | x limit | astro-cloud is N x faster | value sum |\n");
        t.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ContenderRunner.Measurement r : results.values()) {
            boolean download = r.key.equals("download");
            double seconds = download ? r.scan * cubeBytes / PARTIAL_DOWNLOAD : r.scan;
            double bytes = download ? r.bytesDown * (double) cubeBytes / PARTIAL_DOWNLOAD : r.bytesDown;
            String name = switch (r.key) {
                case "astro-cloud" -> "astro-cloud `FitsDataReader.section` (headers walked, then the box)";
                case "astro-cloud-warm" -> "the same, warm JVM (3rd round)";
                case "astro-cloud-ref" -> "astro-cloud from a stored data reference (no walk: one round of GETs)";
                case "astrocut-fsspec" -> "astropy + fsspec as astrocut: block_size 10,000, a `.section` per row, 30 threads";
                case "astrocut-fsspec-warm" -> "the same, warm process (3rd round)";
                case "astropy-section" -> "astropy + fsspec, one `.section` of the box";
                case "download" -> "download the cube (curl; first 2 GiB measured, the rest extrapolated)";
                default -> r.key;
            };
            t.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f | %d%s | %.2f | %.3f | %.1f | %s | %s |%n", name,
                    download ? seconds : r.wall, seconds, r.requests, download ? " (of the 2 GiB)" : "", bytes / 1e6,
                    bytes / BOX_BYTES, seconds / limit,
                    faster(r, results, seconds),
                    sums.getOrDefault(r.key, "")));
        }
        t.append("\nin-process = timed inside the contender (open, walk, read; for the download: curl's total time,"
                + " scaled); wall = the process, JVM or Python start included; requests and bytes (HTTP heads included)"
                + " counted by the latency proxy; value sum = the sum of the 32-bit patterns of the values read (equal"
                + " sums: the same pixels).\n");
        System.out.println();
        System.out.print(t);
        Files.writeString(work.resolve("cutout-results.md"), t.toString());
        System.err.println("written to " + work.resolve("cutout-results.md"));
    }
}
