package org.astrocloud.fits;

import org.astrocloud.fits.value.FitsComplexInteger;
import org.astrocloud.fits.value.FitsComplex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.astrocloud.fits.testkit.Astropy;
import org.astrocloud.fits.testkit.CardCorpus;
import org.astrocloud.fits.testkit.CardCorpus.Disagreement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every card of {@link CardCorpus} (files written by hand, by nom-tam-fits and by astropy, and the
 * TESS headers) is read as astropy reads it: keyword, typed value (numbers compared as numbers,
 * strings exactly, logicals, complex values, undefined values), comment, and the text of cards
 * without a value, leading blanks included. {@code astropy_cards.py read} parses each header's
 * bytes with {@code fits.Header.fromstring}, so astropy reads the header as it stands in the file.
 *
 * <p>Where astropy 5.2.1 reads a card otherwise than the FITS 4.0 standard, the standard wins:
 * those cards are listed, with astropy's reading, the standard's and the clause, in
 * {@link CardCorpus#ASTROPY_DISAGREEMENTS}, and the disagreements found must be exactly that list,
 * so it cannot grow (or shrink) unnoticed. Cards are compared by the physical cards they cover:
 * astropy joins every CONTINUE card to the card before it, the standard does not, so one card of
 * astropy's may be several of ours.
 *
 * <p>Skipped when astropy is missing, failed instead under {@code CI} ({@link Astropy}). The real
 * TESS header texts ({@link CardCorpus#realTessHeaders()}) are compared when they are found beside
 * the checkout; they are not part of the repository, so a clean clone compares the synthetic ones.
 */
class AstropyCardsAgreementTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** The HDU index of an error that concerns the whole file: astropy cannot open it. */
    private static final int WHOLE_FILE = -1;

    @TempDir
    Path dir;

    /** One card as astropy reads it. */
    private record AstropyCard(int start, int physical, String kind, String keyword, String value, String comment) {
    }

    /** One header as astropy reads it, or why it cannot. */
    private record AstropyHdu(List<AstropyCard> cards, String error) {
    }

    @TestFactory
    Stream<DynamicTest> everyCardShouldBeReadAsAstropyReadsItOrAsTheStandardSays() throws Exception {
        Optional<DynamicTest> unavailable = Astropy.unavailable();
        if (unavailable.isPresent()) {
            return Stream.of(unavailable.get());
        }
        List<Path> files = CardCorpus.all(dir);
        List<String> args = new ArrayList<>(List.of("read"));
        files.forEach(f -> args.add(f.toString()));
        Map<String, Map<Integer, AstropyHdu>> astropy = parse(Astropy.run(dir, CardCorpus.ASTROPY_SCRIPT, args, TIMEOUT));

        List<Disagreement> found = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Integer> compared = new LinkedHashMap<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(),
                    () -> compare(file, astropy.get(file.toString()), found, compared)));
        }
        tests.add(DynamicTest.dynamicTest("the disagreements are those documented",
                () -> assertEquals(sorted(CardCorpus.ASTROPY_DISAGREEMENTS), sorted(found))));
        tests.add(DynamicTest.dynamicTest("the corpus", () -> assertCorpus(files, compared)));
        return tests.stream();
    }

    private static void compare(Path file, Map<Integer, AstropyHdu> astropy, List<Disagreement> found,
                                Map<String, Integer> compared) {
        String name = file.getFileName().toString();
        assertNotNull(astropy, () -> "astropy said nothing of " + name);
        ScanResult r = FitsScanner.create().scanFile(file.toUri()).block(TIMEOUT);
        assertNotNull(r);
        assertTrue(r.isOk(), () -> name + ": " + r.error().orElseThrow());
        if (astropy.containsKey(WHOLE_FILE)) {
            List<FitsCard> all = r.headers().stream().flatMap(h -> h.cards().stream()).toList();
            found.add(disagreement(name, 0, "(file)", "error " + quoted(astropy.get(WHOLE_FILE).error()), all));
            compared.put(name, all.size());
            return;
        }
        assertEquals(astropy.size(), r.headers().size(), () -> name + ": HDUs");
        int cards = 0;
        for (FitsHeader h : r.headers()) {
            AstropyHdu a = astropy.get(h.index());
            assertNotNull(a, () -> name + ": astropy said nothing of HDU " + h.index());
            if (a.error() != null) {
                found.add(disagreement(name, h.index(), "(header)", "error " + quoted(a.error()), h.cards()));
                continue;
            }
            cards += compareHeader(name, h, a.cards(), found);
        }
        compared.put(name, cards);
    }

    /** Compares one header span by span (a span ends where both readings end a card); the number of our cards compared. */
    private static int compareHeader(String name, FitsHeader h, List<AstropyCard> astropy, List<Disagreement> found) {
        List<FitsCard> ours = h.cards();
        assertEquals(h.cardCount(), ours.stream().mapToInt(FitsCard::physicalCards).sum(), name + ": physical cards");
        int a = 0;
        int o = 0;
        int boundary = 0;
        while (a < astropy.size() || o < ours.size()) {
            List<AstropyCard> theirs = new ArrayList<>();
            List<FitsCard> mine = new ArrayList<>();
            int theirEnd = boundary;
            int myEnd = boundary;
            do {
                if (a < astropy.size() && (theirEnd <= myEnd || o == ours.size())) {
                    AstropyCard c = astropy.get(a++);
                    theirs.add(c);
                    theirEnd = c.start() + c.physical();
                } else if (o < ours.size()) {
                    FitsCard c = ours.get(o++);
                    mine.add(c);
                    myEnd += c.physicalCards();
                } else {
                    break;
                }
            } while (theirEnd != myEnd);
            boundary = Math.max(theirEnd, myEnd);
            String astropyReading = theirs.stream().map(AstropyCardsAgreementTest::render).collect(Collectors.joining(" + "));
            String ourReading = mine.stream().map(AstropyCardsAgreementTest::render).collect(Collectors.joining(" + "));
            if (!astropyReading.equals(ourReading)) {
                String keyword = theirs.isEmpty() ? mine.get(0).keyword() : theirs.get(0).keyword();
                found.add(new Disagreement(name, h.index(), keyword, astropyReading, ourReading, ""));
            }
        }
        return ours.size();
    }

    private static Disagreement disagreement(String file, int hdu, String keyword, String astropy, List<FitsCard> ours) {
        return new Disagreement(file, hdu, keyword, astropy,
                ours.stream().map(AstropyCardsAgreementTest::render).collect(Collectors.joining(" + ")), "");
    }

    /** Disagreements without their clause (which only the documented list has), in a fixed order. */
    private static List<String> sorted(List<Disagreement> list) {
        return list.stream().map(d -> d.file() + " HDU " + d.hdu() + " " + d.keyword() + "\n  astropy:  " + d.astropy()
                + "\n  standard: " + d.standard()).sorted().toList();
    }

    private static void assertCorpus(List<Path> files, Map<String, Integer> compared) {
        int cards = compared.values().stream().mapToInt(Integer::intValue).sum();
        // the repository's own corpus holds 1,339 cards; the real TESS header texts beside a checkout add more
        int least = CardCorpus.realTessHeaders().isPresent() ? 1500 : 1300;
        assertTrue(cards > least, () -> "cards compared: " + cards);
        Set<String> names = new TreeSet<>(compared.keySet());
        assertTrue(names.containsAll(Set.of("hand-cards.fits", "hand-long-strings.fits", "hand-orphans.fits",
                "hand-orphan-number.fits",
                "nomtam-cards.fits", "astropy-cards.fits", "tess-cube-hdu2-table.fits")), () -> "files " + names);
        assertEquals(files.size(), names.size(), "every file was compared");
        if (CardCorpus.realTessHeaders().isPresent()) {
            assertTrue(names.stream().filter(n -> n.startsWith("tess-real_")).count() >= 8, () -> "real TESS headers " + names);
        }
    }

    // ------------------------------------------------------------------ readings, rendered alike

    /** Ours: {@code KEYWORD: kind value / comment}. */
    private static String render(FitsCard c) {
        if (c.text().isPresent()) {
            return c.keyword() + ": text " + quoted(c.text().get());
        }
        String value = c.value().map(AstropyCardsAgreementTest::typed).orElse("undefined");
        return c.keyword() + ": " + value + c.comment().map(t -> " / " + quoted(t)).orElse("");
    }

    private static String typed(Object v) {
        if (v instanceof Boolean b) {
            return "bool " + (b ? "T" : "F");
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return "int " + v;
        }
        if (v instanceof Double d) {
            return "real " + real(d);
        }
        if (v instanceof String s) {
            return "str " + quoted(s);
        }
        if (v instanceof FitsComplexInteger z) {
            return typed(z.toComplex());
        }
        if (v instanceof FitsComplex z) {
            return "complex (" + real(z.re()) + ", " + real(z.im()) + ")";
        }
        return "unexpected " + v.getClass().getName();
    }

    /** astropy's, in the same form (astropy has no complex integers: both are compared as complex reals). */
    private static String render(AstropyCard c) {
        String value = switch (c.kind()) {
            case "text" -> "text " + quoted(c.value());
            case "bool" -> "bool " + c.value();
            case "int" -> "int " + new BigInteger(c.value());
            case "float" -> "real " + real(Double.parseDouble(c.value()));
            case "str" -> "str " + quoted(c.value());
            case "complex" -> {
                String[] parts = c.value().split(",");
                yield "complex (" + real(Double.parseDouble(parts[0])) + ", " + real(Double.parseDouble(parts[1])) + ")";
            }
            case "undefined" -> "undefined";
            case "error" -> "error " + quoted(c.value());
            default -> "unexpected kind " + c.kind();
        };
        return c.keyword() + ": " + value + (c.comment().isEmpty() ? "" : " / " + quoted(c.comment()));
    }

    /** A real as a number: -0.0 and 0.0 are the same number. */
    private static String real(double d) {
        return d == 0 ? "0.0" : Double.toString(d);
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    // ------------------------------------------------------------------ the script's output

    private static Map<String, Map<Integer, AstropyHdu>> parse(String out) {
        Map<String, Map<Integer, AstropyHdu>> files = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Map<Integer, AstropyHdu> hdus = files.computeIfAbsent(f[1], k -> new LinkedHashMap<>());
            switch (f[0]) {
                case "HDU" -> hdus.putIfAbsent(Integer.parseInt(f[2]), new AstropyHdu(new ArrayList<>(), null));
                case "CARD" -> {
                    assertEquals(9, f.length, () -> "bad line: " + line);
                    hdus.computeIfAbsent(Integer.parseInt(f[2]), k -> new AstropyHdu(new ArrayList<>(), null)).cards()
                            .add(new AstropyCard(Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5], unescape(f[6]),
                                    unescape(f[7]), unescape(f[8])));
                }
                case "ERROR" -> hdus.put(f[2].equals("-") ? WHOLE_FILE : Integer.parseInt(f[2]),
                        new AstropyHdu(List.of(), f[3]));
                default -> fail("bad line: " + line);
            }
        }
        return files;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                b.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
