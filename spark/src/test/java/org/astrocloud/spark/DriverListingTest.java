package org.astrocloud.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.FaultProxy;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's listing of many names (no Spark session: {@link Listing#partitions} itself), against
 * s3proxy behind a proxy that holds every S3 listing for a while and counts how many are held at
 * once: several prefixes are listed at the same time, and their files still come in the order of
 * the names, with a failed name's error entry in its place.
 */
class DriverListingTest {
    private static final int PREFIXES = 6;
    private static final int CUBES_PER_PREFIX = 2;

    @TempDir
    static Path dir;
    static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.filesystem(dir).anonymous().start();
        for (int p = 0; p < PREFIXES; p++) {
            for (int ccd = 1; ccd <= CUBES_PER_PREFIX; ccd++) {
                TessFiles.writeCube(s3.placeFile("tess", "sector" + (20 + p) + "/tess-s00" + (20 + p) + "-1-" + ccd + "-cube.fits"),
                        20 + p, 1, ccd, 2);
            }
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    /** Holds each listing request 500 ms and keeps the most that were held at one time. */
    private static final class HeldListings implements FaultProxy.Policy {
        final Set<Integer> listings = ConcurrentHashMap.newKeySet();
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public FaultProxy.Action choose(int number, RangeFileServer.Request request) {
            if (!request.uri().contains("list-type=2")) {
                return FaultProxy.Action.FORWARD;
            }
            listings.add(number);
            most.accumulateAndGet(held.incrementAndGet(), Math::max);
            return FaultProxy.Action.delay(Duration.ofMillis(500));
        }

        @Override
        public void answered(int number, Duration elapsed) {
            if (listings.contains(number)) {
                held.decrementAndGet();
            }
        }
    }

    @Test
    void prefixesShouldBeListedAtOnceAndTheirFilesKeepTheOrderOfTheNames() {
        HeldListings policy = new HeldListings();
        try (FaultProxy proxy = new FaultProxy(s3.endpoint().toString(), policy, true)) {
            List<String> names = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int p = PREFIXES - 1; p >= 0; p--) {   // not in name order: the result must follow the names, not sort them
                names.add("s3://tess/sector" + (20 + p) + "/");
                for (int ccd = 1; ccd <= CUBES_PER_PREFIX; ccd++) {
                    expected.add("s3://tess/sector" + (20 + p) + "/tess-s00" + (20 + p) + "-1-" + ccd + "-cube.fits");
                }
                if (p == 3) {
                    names.add("s3://tess/nothing-here/");
                    expected.add("s3://tess/nothing-here/");
                }
            }
            ScanOptions options = ScanOptions.of(Map.of("paths", "[\"" + String.join("\", \"", names) + "\"]",   // load(p1, p2, ...) passes a JSON array
                    "s3.endpoint", "http://127.0.0.1:" + proxy.port(), "s3.anonymous", "true", "s3.region", "us-east-1",
                    "s3.pathStyle", "true", "filesPerPartition", "5"));

            List<FilesPartition> partitions = Listing.partitions(options, new Conditions());

            List<FilesPartition.Entry> entries = partitions.stream().flatMap(p -> p.entries().stream()).toList();
            assertEquals(expected, entries.stream().map(FilesPartition.Entry::uri).toList());
            assertEquals(List.of(0, 1, 2), partitions.stream().map(FilesPartition::index).toList());
            assertEquals(List.of("ObjectNotFoundException"), entries.stream().filter(FilesPartition.Entry::failed)
                    .map(FilesPartition.Entry::errorClass).toList());
            assertEquals(PREFIXES + 1, policy.listings.size());
            assertTrue(policy.most.get() > 1, "listings held at once: " + policy.most.get());
        }
    }
}
