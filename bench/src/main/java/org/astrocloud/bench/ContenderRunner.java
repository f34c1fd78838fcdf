package org.astrocloud.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one contender as its own process under GNU time (wall, user + system CPU, peak RSS), reads
 * the latency proxy's counters around it (requests, bytes), the time it measured itself (a
 * {@code SCAN_SECONDS} line, or fits-scan's summary) and, for JVMs, the heap from its GC log.
 */
/** Runs contenders under GNU time and reads the proxy's counters around each. */
final class ContenderRunner {
    private static final Pattern SCAN_LINE = Pattern.compile("SCAN_SECONDS ([0-9.]+) FILES (\\d+) FAILED (\\d+)");
    private static final Pattern SUMMARY_FILES = Pattern.compile("(\\d+) files: (\\d+) ok, (\\d+) failed");
    private static final Pattern SUMMARY_TIME = Pattern.compile(" in ([0-9.]+) s$", Pattern.MULTILINE);
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");
    private static final Pattern HEAP_AT_EXIT = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private final Path work;
    private final String java;
    private final int control;
    private boolean sampleLiveHeap;

    /** Contenders' files go to {@code work}; {@code java} finds jcmd; {@code control} is the latency proxy's control port. */
    ContenderRunner(Path work, String java, int control) {
        this.work = work;
        this.java = java;
        this.control = control;
    }

    /** From now on, also sample each contender's live heap every 5 s (the memory runs). */
    void sampleLiveHeap() {
        this.sampleLiveHeap = true;
    }

    Measurement run(String name, int n, List<String> command) throws IOException, InterruptedException {
        System.err.printf("running %s on %,d files%n", name, n);
        Path timeFile = work.resolve("time.txt");
        Path out = work.resolve("contender.out");
        Files.deleteIfExists(work.resolve("gc.log"));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", timeFile.toString()));
        cmd.addAll(command);
        long[] before = LatencyProxy.stats(control);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long liveBytes = 0;
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(2);
        while (!p.waitFor(sampleLiveHeap ? 5 : 60, TimeUnit.SECONDS)) {
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException(name + " did not finish");
            }
            if (sampleLiveHeap) {
                liveBytes = Math.max(liveBytes, liveHeap(p));
            }
        }
        long[] after = LatencyProxy.stats(control);
        String text = Files.readString(out);
        Files.writeString(work.resolve("log-" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".txt"), text);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + tail(text));
        }
        Measurement r = new Measurement();
        r.name = name;
        r.files = n;
        String[] time = Files.readString(timeFile).trim().split("\\s+");
        r.wall = Double.parseDouble(time[0]);
        r.cpu = Double.parseDouble(time[1]) + Double.parseDouble(time[2]);
        r.rssKb = Long.parseLong(time[3]);
        r.requests = after[0] - before[0];
        r.bytesDown = after[2] - before[2];
        Matcher m = SCAN_LINE.matcher(text);
        Matcher files = SUMMARY_FILES.matcher(text);
        Matcher seconds = SUMMARY_TIME.matcher(text);
        if (m.find()) {
            r.scan = Double.parseDouble(m.group(1));
            r.failed = Long.parseLong(m.group(3));
        } else if (files.find() && seconds.find()) {
            r.scan = Double.parseDouble(seconds.group(1));
            r.failed = Long.parseLong(files.group(3));
        } else {
            throw new IllegalStateException(name + " printed no timing:\n" + tail(text));
        }
        heap(r);
        r.liveHeapMb = liveBytes / 1024.0 / 1024.0;
        System.err.printf(Locale.ROOT, "  %.2f s in the process, %.2f s wall, %d requests, %d failed%n",
                r.scan, r.wall, r.requests, r.failed);
        return r;
    }

    /** The JVM's live heap now: jcmd's class histogram, which collects garbage first; 0 if it cannot be read. */
    private long liveHeap(Process timed) {
        try {
            long pid = timed.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(-1L);
            if (pid < 0) {
                return 0;
            }
            Path jcmd = Path.of(java).resolveSibling("jcmd");
            Process q = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String text = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            q.waitFor(60, TimeUnit.SECONDS);
            Matcher m = HISTOGRAM_TOTAL.matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void heap(Measurement r) throws IOException {
        Path gc = work.resolve("gc.log");
        if (!Files.exists(gc)) {
            return;
        }
        String log = Files.readString(gc);
        Matcher m = GC.matcher(log);
        while (m.find()) {
            r.peakHeapMb = Math.max(r.peakHeapMb, Long.parseLong(m.group(1)));
        }
        Matcher exit = HEAP_AT_EXIT.matcher(log);
        if (exit.find()) {
            r.exitHeapMb = Long.parseLong(exit.group(1)) / 1024.0;
            r.peakHeapMb = Math.max(r.peakHeapMb, r.exitHeapMb);
        }
    }

    private String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /** One measured contender. */
    static final class Measurement {
        String key = "";
        String name;
        int files;
        long failed;
        double wall;
        double scan;
        double cpu;
        long rssKb;
        long requests;
        long bytesDown;
        double peakHeapMb;
        double liveHeapMb;
        double exitHeapMb;

        Measurement perRound(int rounds) {
            requests /= rounds;
            bytesDown /= rounds;
            return this;
        }

        Measurement keyed(String k) {
            this.key = k;
            return this;
        }
    }
}
