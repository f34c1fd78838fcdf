package org.astrocloud.bench;

import org.astrocloud.fits.internal.cards.NomTamCards;
import org.astrocloud.fits.internal.walk.HeaderAssembler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.astrocloud.testdata.TessFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Header parsing on the TESS headers, one thread: the structural path (what the walk needs:
 * END, BITPIX, NAXISn, PCOUNT, GCOUNT, the data extent) and full card parsing (typed values with
 * our reader of the common card forms, nom-tam-fits for the rest). Scores are headers per second; multiply by the header's size for bytes/s
 * ({@code cube-table} is 46,080 bytes, {@code ffi-cal} 17,280, {@code cube-primary} 2,880).
 *
 * <pre>
 * mvn -q -B install -DskipTests
 * java -jar bench/target/benchmarks.jar HeaderParsingBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class HeaderParsingBenchmark {
    private static final int MAX_HEADER = 8 << 20;

    @Param({"cube-table", "ffi-cal", "cube-primary"})
    public String header;

    private byte[] bytes;
    private int endCard;

    @Setup
    public void setUp() {
        String resource = switch (header) {
            case "cube-table" -> "cube-hdu2-table.txt";
            case "ffi-cal" -> "ffic-hdu1-cal.txt";
            default -> "cube-hdu0-primary.txt";
        };
        bytes = TessFiles.header(resource);
        List<String> cards = TessFiles.cards(resource);
        endCard = cards.size() - 1;
    }

    /** The walk's own path: find END, read the structural keywords, compute the data extent. */
    @Benchmark
    public long structural() {
        HeaderAssembler assembler = new HeaderAssembler(null, MAX_HEADER, null, "file");
        assembler.begin(1, 0);
        assembler.accept(bytes, 0, bytes.length);
        return assembler.header().nextOffset();
    }

    /** Everything: the structural path, then every card parsed into typed values. */
    @Benchmark
    public int fullCards() {
        HeaderAssembler assembler = new HeaderAssembler(null, MAX_HEADER, null, "file");
        assembler.begin(1, 0);
        assembler.accept(bytes, 0, bytes.length);
        return NomTamCards.parse(assembler.header().bytes(), endCard).size();
    }
}
