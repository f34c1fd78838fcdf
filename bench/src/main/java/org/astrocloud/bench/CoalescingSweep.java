package org.astrocloud.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.fits.data.FitsDataReader;
import org.astrocloud.fits.data.Section;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.Coalescing;

/**
 * How the range planner's gap threshold trades requests for bytes: sections of a calibrated FFI
 * (2078 x 2136 float32; a row is 8,544 bytes) read with several {@link Coalescing#maxGap()} values
 * in one warm JVM, through the latency proxy. Prints one row per section and gap: median time of
 * 5 rounds, and the requests and bytes the plan made (counted by the proxy around the rounds).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.CoalescingSweep URL CONTROL_PORT
 * </pre>
 */
public final class CoalescingSweep {
    private static final long[] GAPS = {0, 4_896, 65_536, 262_144, 1L << 20, 4L << 20};
    private static final String[] SECTIONS = {"1000:1100, 1000:1100", "0:2078:16, 0:2136:16", "500:1500, 1000:1010"};

    private CoalescingSweep() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int control = Integer.parseInt(args[1]);
        DataReference ref = DataReference.of(FitsScanner.create().scan(uri).elementAt(1).block(Duration.ofMinutes(1)));
        FitsDataReader base = FitsDataReader.create();
        for (int i = 0; i < 20; i++) {   // warm-up: every path compiled before timing
            base.section(ref, Section.parse(SECTIONS[i % SECTIONS.length])).block(Duration.ofMinutes(1));
        }
        List<String> rows = new ArrayList<>();
        for (String section : SECTIONS) {
            for (long gap : GAPS) {
                FitsDataReader reader = base.coalescing(Coalescing.defaults().withMaxGap(gap));
                long[] before = LatencyProxy.stats(control);
                double[] times = new double[5];
                long pixels = 0;
                for (int round = 0; round < times.length; round++) {
                    long start = System.nanoTime();
                    pixels = reader.section(ref, Section.parse(section)).block(Duration.ofMinutes(1)).size();
                    times[round] = (System.nanoTime() - start) / 1e6;
                }
                long[] after = LatencyProxy.stats(control);
                Arrays.sort(times);
                rows.add(String.format(Locale.ROOT, "| `%s` | %,d | %,d | %.1f | %,.0f | %.1f | %.2f |", section, gap, pixels,
                        (after[0] - before[0]) / 5.0, (after[2] - before[2]) / 5.0 / 1024, times[2],
                        (after[2] - before[2]) / 5.0 / (pixels * 4.0)));
            }
        }
        System.out.println("| section | max gap B | pixels | requests | KiB down | median ms | x pixels' bytes |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        ByteRangeSources.installed().close();
        System.exit(0);
    }
}
