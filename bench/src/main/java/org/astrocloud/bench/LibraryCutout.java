package org.astrocloud.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.fits.data.FitsDataReader;
import org.astrocloud.fits.data.ImageData;
import org.astrocloud.fits.data.Section;
import org.astrocloud.fits.spi.ByteRangeSources;
import reactor.core.publisher.Mono;

/**
 * The cutout contender: the cube's headers walked with {@link FitsScanner}, then the box read with
 * {@link FitsDataReader#section}, the whole of it timed in the process; with a sixth argument, a
 * file holding the cube's data reference as JSON (what a catalog or {@code scan --data-refs} keeps),
 * the walk is skipped. Prints
 * {@code SCAN_SECONDS s FILES 1 FAILED 0 SUM x} (SUM: the 32-bit patterns of every value
 * read, added: exact and order-free, the same for every contender that read the same pixels).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.LibraryCutout URL ROW0 COL0 HEIGHT WIDTH [REFERENCE.json]
 * </pre>
 */
public final class LibraryCutout {
    private LibraryCutout() {
    }

    public static void main(String[] args) throws IOException {
        URI uri = URI.create(args[0]);
        int row0 = Integer.parseInt(args[1]);
        int col0 = Integer.parseInt(args[2]);
        int height = Integer.parseInt(args[3]);
        int width = Integer.parseInt(args[4]);
        int rounds = Integer.getInteger("bench.rounds", 1);
        String stored = args.length > 5 ? readString(args[5]) : null;   // a data reference from an earlier walk
        Section box = Section.parse(row0 + ":" + (row0 + height) + "," + col0 + ":" + (col0 + width));
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            Mono<DataReference> reference = stored != null ? Mono.just(DataReference.fromJson(stored))
                    : FitsScanner.create().scan(uri).elementAt(1).map(DataReference::of);
            ImageData data = reference.flatMap(ref -> FitsDataReader.create().section(ref, box))
                    .block(Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - start) / 1e9;
            long sum = 0;
            for (float v : data.floats()) {
                sum += Integer.toUnsignedLong(Float.floatToRawIntBits(v));
            }
            System.out.printf(Locale.ROOT, "%s %.3f FILES 1 FAILED 0 SUM %s SHAPE %s%n",
                    round == rounds ? "SCAN_SECONDS" : "round " + round + ":", seconds, sum, Arrays.toString(data.shape()));
        }
        ByteRangeSources.installed().close();
        System.exit(0);
    }

    private static String readString(String path) throws IOException {
        return Files.readString(Path.of(path));
    }
}
