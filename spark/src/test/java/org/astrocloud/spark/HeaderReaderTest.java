package org.astrocloud.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader alone, as a task runs it: files are requested only as rows are pulled (a bounded
 * buffer), and {@code close()} (a finished or killed task) stops the scan and releases the reader's
 * own connection pools and event loops. Every request is delayed by 200 ms at a proxy.
 */
class HeaderReaderTest {
    static final int FILES = 100;
    @TempDir
    static Path dir;
    static RangeFileServer origin;
    static FaultProxy slow;

    @BeforeAll
    static void serve() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        for (int i = 0; i < FILES; i++) {
            TessFiles.writeCube(www.resolve("cube-" + i + ".fits"), 22, 1, 1, 1);
        }
        origin = RangeFileServer.serving(www);
        slow = new FaultProxy("http://127.0.0.1:" + origin.port(), n -> FaultProxy.Action.delay(Duration.ofMillis(200)));
    }

    @AfterAll
    static void stop() {
        slow.close();
        origin.close();
    }

    static HeaderReader reader(int concurrency) {
        ArrayList<FilesPartition.Entry> entries = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            entries.add(new FilesPartition.Entry(slow.url("cube-" + i + ".fits"), null, null));
        }
        ScanOptions options = ScanOptions.of(Map.of("concurrency", String.valueOf(concurrency), "filesPerPartition", "100"));
        return new HeaderReader(new FilesPartition(0, entries), options, new Conditions(), List.of(Column.URI, Column.HDU));
    }

    @Test
    void closingAfterTheFirstRowStopsTheScanAndReleasesTheLoops() throws Exception {
        int before = slow.received().size();
        HeaderReader reader = reader(4);
        assertTrue(reader.next());
        long start = System.nanoTime();
        reader.close();
        long closeMs = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(100);   // requests already on the wire when close() returned reach the proxy
        int atClose = slow.received().size() - before;
        Thread.sleep(700);   // a scan still running would have sent the next reads by now (200 ms each)
        assertEquals(atClose, slow.received().size() - before, "no request after close()");
        // 4 files in flight and at most 4 results buffered, 1 or 2 requests each: far fewer than the 100 files' 100+
        assertTrue(atClose <= 20, "requests before close: " + atClose);
        assertTrue(closeMs < 2_000, "close took " + closeMs + " ms");
        reader.close();   // idempotent
        // the last reader gone, the executor's registry is released after the linger: its event loops end
        long deadline = System.nanoTime() + (SharedSources.LINGER_MS + 10_000) * 1_000_000;
        while (httpLoops() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, httpLoops(), "event loop threads left");
    }

    static long httpLoops() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("astro-cloud-http")).count();
    }

    @Test
    void theNextTaskWithinTheLingerTakesTheSameRegistryAndALaterOneANewOne() throws Exception {
        org.astrocloud.fits.spi.ByteRangeSources first = SharedSources.acquire();
        SharedSources.release();
        org.astrocloud.fits.spi.ByteRangeSources next = SharedSources.acquire();
        SharedSources.release();
        assertTrue(first == next, "kept for the next task");
        Thread.sleep(SharedSources.LINGER_MS + 500);
        org.astrocloud.fits.spi.ByteRangeSources later = SharedSources.acquire();
        SharedSources.release();
        assertTrue(later != first, "released after the linger, a new one made");
    }

    @Test
    void aReaderPulledToTheEndGivesEveryHduOnce() throws Exception {
        int rows = 0;
        try (HeaderReader reader = reader(16)) {
            while (reader.next()) {
                assertEquals(2, reader.get().numFields());
                rows++;
            }
            assertEquals(FILES, reader.currentMetricsValues()[1].value(), "files scanned");
        }
        assertEquals(3 * FILES, rows);
    }
}
