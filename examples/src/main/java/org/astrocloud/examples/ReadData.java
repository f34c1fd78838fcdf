package org.astrocloud.examples;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.fits.data.FitsDataReader;
import org.astrocloud.fits.data.ImageData;
import org.astrocloud.fits.data.Section;
import org.astrocloud.fits.data.TableData;
import org.astrocloud.fits.data.TableQuery;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.Coalescing;
import org.astrocloud.fits.spi.SourceOptions;

/**
 * The README's data-tier examples, compiled here so they stay correct. Run with a TESS cube:
 * {@code java -cp examples/target/fits-scan.jar org.astrocloud.examples.ReadData tess-s0022-1-1-cube.fits}.
 */
public final class ReadData {
    private ReadData() {
    }

    /** Reads a 30x30 box of a cube, shows its data reference, reads its frame table and raw ranges. */
    public static void main(String[] args) {
        URI uri = Path.of(args[0]).toUri();

        // --- a data reference: where HDU 1's data lies and how to read it, as JSON
        FitsHeader cube = FitsScanner.create().scan(uri).elementAt(1).block(Duration.ofSeconds(30));
        DataReference ref = DataReference.of(cube);
        System.out.println(Arrays.toString(ref.numpyShape()) + " " + ref.elementType().orElseThrow());
        String json = ref.toJson();                          // store it, send it, read it back elsewhere
        DataReference again = DataReference.fromJson(json);

        // --- a numpy-order section: 30 rows x 30 columns x every frame x {flux, error}, one round of reads
        ImageData box = FitsDataReader.create()
                .section(again, Section.parse("1000:1030, 500:530"))
                .block(Duration.ofMinutes(1));
        float[] values = box.floats();                       // stored values, C order
        System.out.println(Arrays.toString(box.shape()) + ", first flux " + values[0] + ", physical " + box.physical(0));

        // --- table rows and columns: the cube's frame table, one row per FFI
        FitsHeader frames = FitsScanner.create().scan(uri).elementAt(2).block(Duration.ofSeconds(30));
        TableData times = FitsDataReader.create()
                .table(DataReference.of(frames), TableQuery.all().rows(0, 10).columns("TSTART", "TSTOP", "FFI_FILE"))
                .block(Duration.ofMinutes(1));
        double[] start = times.physical("TSTART");
        String[] names = (String[]) times.column("FFI_FILE");
        System.out.println(times.rows() + " frames from " + start[0] + ", first file '" + names[0] + "'");

        // --- any ranges of one object, coalesced: neighbours closer than 64 KiB read as one
        ByteRangeSource source = ByteRangeSources.open(uri, SourceOptions.empty());
        source.readRanges(List.of(ByteRange.of(0, 2880), ByteRange.of(2880, 2880), ByteRange.of(5760, 9984)),
                        Coalescing.defaults().withMaxGap(64 * 1024))
                .doOnNext(bytes -> System.out.println(bytes.offset() + ": " + bytes.length() + " bytes"))
                .blockLast(Duration.ofSeconds(30));
        System.out.println(source.stats().requests() + " request(s)");
        source.close().block();
    }
}
