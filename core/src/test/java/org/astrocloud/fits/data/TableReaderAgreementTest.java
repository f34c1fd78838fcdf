package org.astrocloud.fits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.testkit.Astropy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table values read by {@link FitsDataReader#table} equal astropy's. {@code astropy_tables.py}
 * writes a binary table with every TFORM type (repeat counts, TDIM, TSCAL/TZERO with the unsigned
 * conventions, TNULL, undefined logicals, strings with trailing blanks and NULs, P and Q arrays) and
 * an ASCII table (I, F, E, D, A, TNULL, blank fields, TSCAL), and prints, for selections of rows and
 * columns, the stored values (astropy's raw record array), the physical values by the FITS rule in
 * float64 and what astropy's {@code data[name]} gives. Each selection is read from the plain file
 * and from its gzip copy.
 *
 * <p>Where astropy differs from the FITS rule it is by design, and the test pins it: astropy ignores
 * TNULL of binary tables (the stored value, scaled, where we give NaN), reads an undefined logical as
 * False (null here) and a blank or null ASCII field as 0 (as our {@code column()}; NaN in
 * {@code physical()}).
 */
class TableReaderAgreementTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    static Path dir;

    record Col(String name, String kind, String[] raw, String[] exact, String[] astropy) {
    }

    record Case(String file, long first, long count, String columns, List<Col> cols) {
        String title(String suffix) {
            return file + suffix + " rows " + first + "+" + count + " [" + columns + "]";
        }
    }

    @TestFactory
    Stream<DynamicTest> tablesEqualAstropys() throws Exception {
        var unavailable = Astropy.unavailable();
        if (unavailable.isPresent()) {
            return Stream.of(unavailable.get());
        }
        String out = Astropy.run(dir, "astropy_tables.py", List.of(dir.toString()), Duration.ofSeconds(120));
        List<Case> cases = cases(out);
        assertTrue(cases.size() >= 13, "cases: " + cases.size());
        return cases.stream().flatMap(c -> Stream.of(".fits", ".fits.gz")
                .map(suffix -> DynamicTest.dynamicTest(c.title(suffix), () -> check(c, c.file() + suffix))));
    }

    private static void check(Case c, String name) {
        DataReference ref = DataReference.of(FitsScanner.create().scan(dir.resolve(name).toUri()).elementAt(1)
                .block(TIMEOUT));
        TableQuery query = TableQuery.all().rows(c.first(), c.count() < 0 ? Long.MAX_VALUE : c.count());
        if (c.columns().startsWith("#")) {
            query = query.columns(Arrays.stream(c.columns().split(",")).mapToInt(s -> Integer.parseInt(s.substring(1)))
                    .toArray());
        } else if (!c.columns().equals("*")) {
            query = query.columns(c.columns().split(","));
        }
        TableData table = FitsDataReader.create().table(ref, query).block(TIMEOUT);
        assertEquals(c.cols().stream().map(Col::name).toList(), table.names());
        for (Col col : c.cols()) {
            switch (col.kind()) {
                case "numeric" -> numeric(table, col);
                case "logical" -> logical(table, col);
                case "bit" -> assertEquals(List.of(col.astropy()), flat(table.column(col.name())), col.name());
                case "string", "ascii-str" -> assertEquals(List.of(col.astropy()),
                        Arrays.stream((String[]) table.column(col.name())).map(TableReaderAgreementTest::hex).toList(),
                        col.name());
                case "complex" -> assertDoubles(col.astropy(), flat(table.column(col.name())), col.name());
                case "vla" -> vla(table, col);
                case "ascii-num" -> ascii(table, col);
                default -> throw new AssertionError("kind " + col.kind());
            }
        }
    }

    private static void numeric(TableData table, Col col) {
        TableColumn column = table.columns().stream().filter(t -> t.name().equals(col.name())).findFirst().orElseThrow();
        List<String> stored = flat(table.column(col.name()));
        boolean unsignedBytes = column.format().endsWith("B");
        for (int i = 0; i < col.raw().length; i++) {
            String ours = unsignedBytes ? Integer.toString(Integer.parseInt(stored.get(i)) & 0xFF) : stored.get(i);
            assertEquals(Astropy.pythonFloat(col.raw()[i]), Astropy.pythonFloat(ours), 0.0, col.name() + " stored value " + i);
        }
        double[] physical = table.physical(col.name());
        assertDoubles(col.exact(), Arrays.stream(physical).mapToObj(Double::toString).toList(), col.name() + " physical");
        boolean integers = column.format().matches("\\d*[BIJK]") && column.scale() == 1
                && column.zero() == Math.rint(column.zero());
        if (integers) {
            long[] exact = table.integers(col.name());
            boolean unsigned64 = column.zero() == 0x1p63;
            for (int i = 0; i < exact.length; i++) {
                BigInteger ours = new BigInteger(unsigned64 ? Long.toUnsignedString(exact[i]) : Long.toString(exact[i]));
                assertEquals(new BigDecimal(col.astropy()[i]).toBigIntegerExact(), ours, col.name() + " astropy's integer " + i);
            }
            return;
        }
        for (int i = 0; i < physical.length; i++) {
            double theirs = Astropy.pythonFloat(col.astropy()[i]);
            boolean tnull = column.tnull().isPresent() && col.raw()[i].equals(column.tnull().get());
            double expected = tnull ? column.zero() + column.scale() * Astropy.pythonFloat(col.raw()[i]) : physical[i];
            assertEquals(expected, theirs, 0.0, col.name() + " astropy's value " + i + (tnull ? " (TNULL kept)" : ""));
        }
    }

    private static void logical(TableData table, Col col) {
        List<Object> ours = new ArrayList<>();
        Object values = table.column(col.name());
        for (int r = 0; r < Array.getLength(values); r++) {
            Object cell = Array.get(values, r);
            if (cell instanceof Boolean[] row) {
                ours.addAll(Arrays.asList(row));
            } else {
                ours.add(cell);
            }
        }
        assertEquals(col.raw().length, ours.size(), col.name());
        for (int i = 0; i < ours.size(); i++) {
            switch (col.raw()[i]) {
                case "84" -> assertEquals(Boolean.TRUE, ours.get(i), col.name() + " " + i);
                case "70" -> assertEquals(Boolean.FALSE, ours.get(i), col.name() + " " + i);
                default -> assertNull(ours.get(i), col.name() + " undefined " + i);
            }
            assertEquals(col.astropy()[i], Boolean.toString(Boolean.TRUE.equals(ours.get(i))).equals("true")
                    ? "True" : "False", col.name() + " astropy's value " + i);
        }
    }

    private static void vla(TableData table, Col col) {
        Object[] rows = (Object[]) table.column(col.name());
        assertEquals(col.astropy().length, rows.length, col.name());
        for (int r = 0; r < rows.length; r++) {
            String[] theirs = col.astropy()[r].split(":", -1);
            List<String> ours = flat(rows[r]);
            assertEquals(Integer.parseInt(theirs[0]), ours.size(), col.name() + " row " + r + " length");
            String[] values = theirs[1].isEmpty() ? new String[0] : theirs[1].split(",");
            assertDoubles(values, ours, col.name() + " row " + r);
        }
    }

    private static void ascii(TableData table, Col col) {
        double[] physical = table.physical(col.name());
        assertDoubles(col.exact(), Arrays.stream(physical).mapToObj(Double::toString).toList(), col.name() + " physical");
        List<String> stored = flat(table.column(col.name()));
        boolean scaled = table.columns().stream().filter(t -> t.name().equals(col.name())).findFirst().orElseThrow()
                .isScaled();
        assertEquals(col.astropy().length, stored.size(), col.name());
        for (int i = 0; i < stored.size(); i++) {
            double theirs = Astropy.pythonFloat(col.astropy()[i]);
            if (Double.isNaN(physical[i])) {   // a blank or TNULL field: 0 for astropy and in column()
                assertEquals(0.0, Astropy.pythonFloat(stored.get(i)), 0.0, col.name() + " null value " + i);
                assertEquals(0.0, theirs, 0.0, col.name() + " astropy's null value " + i);
            } else {
                assertEquals(scaled ? physical[i] : Astropy.pythonFloat(stored.get(i)), theirs, 0.0, col.name() + " astropy's value " + i);
            }
        }
    }

    private static void assertDoubles(String[] expected, List<String> ours, String what) {
        assertEquals(expected.length, ours.size(), what + ": values");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Astropy.pythonFloat(expected[i]), Astropy.pythonFloat(ours.get(i)), 0.0, what + " " + i);   // NaN equals NaN here
        }
    }

    /** Every element of a Java array (of arrays), as text: bits as 0 and 1. */
    private static List<String> flat(Object values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Array.getLength(values); i++) {
            Object v = Array.get(values, i);
            if (v != null && v.getClass().isArray()) {
                out.addAll(flat(v));
            } else if (v instanceof Boolean b) {
                out.add(b ? "1" : "0");
            } else if (v instanceof Float f) {
                out.add(Double.toString(f));
            } else {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    private static String hex(String s) {
        return s.isEmpty() ? "-" : HEX.formatHex(s.getBytes(StandardCharsets.ISO_8859_1));
    }


    private static List<Case> cases(String out) {
        List<Case> cases = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("case ")) {
                String[] w = line.strip().split(" ");
                cases.add(new Case(w[1], Long.parseLong(w[2]), Long.parseLong(w[3]), w[4], new ArrayList<>()));
            } else if (line.startsWith("col ")) {
                String[] parts = line.split("\\|", -1);
                String[] head = parts[0].strip().split(" ");
                cases.get(cases.size() - 1).cols().add(new Col(head[1], head[2], words(parts[1]), words(parts[2]),
                        words(parts[3])));
            }
        }
        return cases;
    }

    private static String[] words(String text) {
        return Arrays.stream(text.strip().split(" ")).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }
}
