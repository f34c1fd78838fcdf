package org.astrocloud.fits.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.NullDataHDU;
import nom.tam.util.ComplexValue;
import org.astrocloud.testdata.TessFiles;

/**
 * FITS files holding every card form the FITS 4.0 standard allows, to check card reading against
 * astropy: files written byte by byte ({@link #handWritten}), with nom-tam-fits' API
 * ({@link #nomTamWritten}), with astropy's API ({@link #astropyWritten}, needs astropy), and the
 * TESS header texts as files ({@link #tessHeaders}). Each method writes its files into a
 * directory, under fixed names, and returns their paths; {@link #written} writes all those that
 * need no Python, {@link #all} all of them.
 *
 * <p>astropy reads every card of these files as the standard says, except the cards listed in
 * {@link #ASTROPY_DISAGREEMENTS}: there the standard's reading is given by hand with the clause
 * that decides it. {@code astropy_cards.py read} (a core test resource, run with
 * {@link Astropy#run}) reports astropy's reading of every card of any FITS file.
 */
public final class CardCorpus {
    /** The core test resource that writes {@link #astropyWritten}'s file and reads cards with astropy. */
    public static final String ASTROPY_SCRIPT = "astropy_cards.py";
    /** The system property naming the folder of real TESS header texts; else {@code shared/tess-headers} above the working folder. */
    public static final String TESS_HEADERS_PROPERTY = "astrocloud.tessHeaders";
    /** The header texts of the {@code testdata} module that {@link #tessHeaders} writes as files. */
    public static final List<String> TESTDATA_HEADERS = List.of("cube-hdu0-primary.txt", "cube-hdu1-image.txt",
            "cube-hdu2-table.txt", "ffic-hdu0-primary.txt", "ffic-hdu1-cal.txt", "ffic-hdu1-cal-nowcs.txt",
            "ffic-hdu2-uncert.txt");

    /**
     * A card that astropy (5.2.1) reads otherwise than the FITS standard, as found in
     * {@link #ASTROPY_DISAGREEMENTS}. A reading is written as
     * {@code KEYWORD: kind value / comment}, cards of one span joined by {@code " + "} (see
     * {@code AstropyCardsAgreementTest}).
     *
     * @param file the file's name
     * @param hdu the HDU's index
     * @param keyword the keyword of the card astropy reads there
     * @param astropy how astropy reads it
     * @param standard how the standard reads it: what astro-cloud must read
     * @param clause the section of FITS 4.0 that decides, and why
     */
    public record Disagreement(String file, int hdu, String keyword, String astropy, String standard, String clause) {
    }

    private static final String DOUBLED_QUOTES = "4.2.1.1: two successive quotes stand for one quote inside a string,"
            + " so the string runs to the last quote; astropy ends it at the doubled quote before the slash";
    private static final String PIECE_QUOTES = "4.2.1.1 and 4.2.1.2: a doubled quote in a CONTINUE piece is one quote of"
            + " the piece; astropy ends the piece at a doubled quote followed by a blank and loses the rest";
    private static final String LAST_AMPERSAND = "4.2.1.2: an & not followed by a CONTINUE card is the literal last"
            + " character of the string; astropy drops the & of the last piece";
    private static final String LONG_AMP = "a long string whose value ends in an ampersand, on the last piece ".repeat(2);
    private static final String LONG_QUOTED = "a long string, ".repeat(8) + "with 'quotes'";

    /** Every card of this corpus that astropy 5.2.1 reads otherwise than FITS 4.0. */
    public static final List<Disagreement> ASTROPY_DISAGREEMENTS = List.of(
            new Disagreement("hand-cards.fits", 0, "DQUOTES", "DQUOTES: str \"0.2''\" / \"pixel_mask'\"",
                    "DQUOTES: str \"0.2''/pixel_mask\"", DOUBLED_QUOTES),
            new Disagreement("nomtam-cards.fits", 0, "DQUOTES", "DQUOTES: str \"0.2''\" / \"pixel_mask'\"",
                    "DQUOTES: str \"0.2''/pixel_mask\"", DOUBLED_QUOTES),
            new Disagreement("astropy-cards.fits", 0, "DQUOTES", "DQUOTES: str \"0.2''\" / \"pixel_mask'\"",
                    "DQUOTES: str \"0.2''/pixel_mask\"", DOUBLED_QUOTES + " (astropy wrote the card right)"),
            new Disagreement("hand-long-strings.fits", 0, "LONG1",
                    "LONG1: str \"This long string value is continued over several cards, with an 'apostrophe'it and a"
                            + " doubled quote at the end '\" / \"first comment the end\"",
                    "LONG1: str \"This long string value is continued over several cards, with an 'apostrophe' in it"
                            + " and a doubled quote at the end '\" / \"first comment the end\"", PIECE_QUOTES),
            new Disagreement("nomtam-cards.fits", 0, "LONGSTR", "LONGSTR: str \"" + LONG_QUOTED + "\"",
                    "LONGSTR: str \"" + LONG_QUOTED + " in it\" / \"a long string's comment\"", PIECE_QUOTES),
            new Disagreement("astropy-cards.fits", 0, "LONGSTR",
                    "LONGSTR: str \"" + LONG_QUOTED + "\" / \"a long string's comment\"",
                    "LONGSTR: str \"" + LONG_QUOTED + " in it\" / \"a long string's comment\"",
                    PIECE_QUOTES + " (astropy wrote the cards right)"),
            new Disagreement("hand-long-strings.fits", 0, "LONGAMP",
                    "LONGAMP: str \"the last piece ends in an ampersand that nothing continues\"",
                    "LONGAMP: str \"the last piece ends in an ampersand that nothing continues&\"", LAST_AMPERSAND),
            new Disagreement("nomtam-cards.fits", 0, "LONGAMP", "LONGAMP: str \"" + LONG_AMP.stripTrailing() + "\"",
                    "LONGAMP: str \"" + LONG_AMP + "&\"", LAST_AMPERSAND),
            new Disagreement("astropy-cards.fits", 0, "LONGAMP", "LONGAMP: str \"" + LONG_AMP.stripTrailing() + "\"",
                    "LONGAMP: str \"" + LONG_AMP + "&\"",
                    LAST_AMPERSAND + " (astropy wrote the final & as a last piece '&' and drops it reading its own file)"),
            new Disagreement("astropy-cards.fits", 0, "LONGQ", "LONGQ: str \"" + "q".repeat(66) + "'" + "r".repeat(70) + "\"",
                    "LONGQ: str \"" + "q".repeat(66) + "\" / \"&'\" + CONTINUE: text \"  ''" + "r".repeat(66)
                            + "&'\" + CONTINUE: text \"  'rrrr'\"",
                    "4.2.1.2 item 1: the two quotes of a doubled quote must stand in one piece; astropy writes them"
                            + " across two, so its first card's string ends at the lone quote (4.2.1.1), and what"
                            + " follows it is read as a comment; nothing continues that card, so its CONTINUE cards"
                            + " are orphans (4.2.1.2, last paragraph)"),
            new Disagreement("hand-orphans.fits", 1, "PLAINSTR",
                    "PLAINSTR: str \"no ampersandorphan after a plain string\"",
                    "PLAINSTR: str \"no ampersand\" + CONTINUE: text \"  'orphan after a plain string'\"",
                    "4.2.1.2: a string continues only if it ends in &; an orphaned CONTINUE is commentary text in"
                            + " bytes 9-80; astropy joins every CONTINUE to the card before it"),
            new Disagreement("hand-orphans.fits", 2, "COMMENT",
                    "COMMENT: text \"= 'ab&'" + " ".repeat(65) + "CONTINUE  'orphan after a commentary card'\"",
                    "COMMENT: text \"= 'ab&'\" + CONTINUE: text \"  'orphan after a commentary card'\"",
                    "4.4.2.4 and 4.2.1.2: a COMMENT card has no value, so nothing to continue; astropy adds the"
                            + " CONTINUE card to the comment's text"),
            new Disagreement("hand-orphan-number.fits", 0, "(file)",
                    "error \"VerifyError: CONTINUE cards must have string values.\"",
                    "SIMPLE: bool T + BITPIX: int 8 + NAXIS: int 0 + EXTEND: bool T + NUMBER: int 5"
                            + " + CONTINUE: text \"  'orphan after a number'\" + XTENSION: str \"IMAGE\" / \"image"
                            + " extension\" + BITPIX: int 8 + NAXIS: int 0 + PCOUNT: int 0 + GCOUNT: int 1"
                            + " + CONTINUE: text \"  'orphan right after the mandatory cards'\" + EXTNAME: str \"FIRST\"",
                    "4.2.1.2: an orphaned CONTINUE is commentary text; astropy cannot open the file"));

    private CardCorpus() {
    }

    /**
     * {@link #handWritten}, {@link #nomTamWritten} and {@link #tessHeaders}: every file that needs no Python.
     *
     * @param dir the folder to write into
     * @return the files written
     * @throws Exception if a file cannot be written
     */
    public static List<Path> written(Path dir) throws Exception {
        List<Path> files = new ArrayList<>(handWritten(dir));
        files.addAll(nomTamWritten(dir));
        files.addAll(tessHeaders(dir));
        return files;
    }

    /**
     * {@link #written} and {@link #astropyWritten}.
     *
     * @param dir the folder to write into
     * @return the files written
     * @throws AssertionError if astropy cannot be run
     * @throws Exception if a file cannot be written
     */
    public static List<Path> all(Path dir) throws Exception {
        List<Path> files = new ArrayList<>(written(dir));
        files.add(astropyWritten(dir));
        return files;
    }

    // ------------------------------------------------------------------ by hand

    /**
     * Files written byte by byte, with every card form of the standard:
     * <ul>
     * <li>{@code hand-cards.fits}: a primary header of commentary cards (indented, aligned, empty,
     * with {@code "= "} in bytes 9-10, blank keywords), cards without a value indicator, values in
     * fixed and free format at odd columns, comments without a blank before the slash and without
     * a value, undefined values, exponents with {@code D} and lower-case {@code e}, leading
     * {@code +}, integers beyond 64 bits, reals of many digits, strings with doubled quotes, of
     * blanks only, empty, free-format and filling the card, complex integers and reals, HIERARCH
     * cards; and an IMAGE extension with commentary cards;
     * <li>{@code hand-long-strings.fits}: long strings with CONTINUE: quotes across pieces, empty
     * pieces, blanks after the {@code &}, a last piece ending in {@code &}, comments on several
     * pieces, an indented piece, and a single card ending in {@code &};
     * <li>{@code hand-orphans.fits}: one orphaned CONTINUE per extension, after a string without
     * {@code &} and after a COMMENT card ending in {@code &'};
     * <li>{@code hand-orphan-number.fits}: orphaned CONTINUE cards after a number (in the primary
     * header, and right after GCOUNT in an extension), in a file of their own because astropy cannot
     * open a file that holds one.
     * </ul>
     *
     * @param dir the folder to write into
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> handWritten(Path dir) throws IOException {
        return List.of(
                write(dir.resolve("hand-cards.fits"), primary(HandCards.VALUES), extension("COMMENTS", HandCards.EXTENSION)),
                write(dir.resolve("hand-long-strings.fits"), primary(HandCards.LONG_STRINGS)),
                write(dir.resolve("hand-orphans.fits"), primary(List.of()),
                        extension("AFTERSTR", List.of("PLAINSTR= 'no ampersand'", "CONTINUE  'orphan after a plain string'")),
                        extension("AFTERCMT", List.of("COMMENT = 'ab&'", "CONTINUE  'orphan after a commentary card'"))),
                write(dir.resolve("hand-orphan-number.fits"), primary(List.of("NUMBER  =                    5",
                        "CONTINUE  'orphan after a number'")), extension("FIRST", List.of())));
    }

    private static byte[] primary(List<String> cards) {
        List<String> all = new ArrayList<>(List.of(fixed("SIMPLE", "T"), fixed("BITPIX", "8"), fixed("NAXIS", "0"),
                fixed("EXTEND", "T")));
        all.addAll(cards);
        return FitsBytes.header(all);
    }

    /** An IMAGE extension without data; {@code FIRST} also starts with an orphaned CONTINUE after GCOUNT. */
    private static byte[] extension(String name, List<String> cards) {
        List<String> all = new ArrayList<>(List.of("XTENSION= 'IMAGE   '           / image extension", fixed("BITPIX", "8"),
                fixed("NAXIS", "0"), fixed("PCOUNT", "0"), fixed("GCOUNT", "1")));
        if (name.equals("FIRST")) {
            all.add("CONTINUE  'orphan right after the mandatory cards'");
        }
        all.add("EXTNAME = '" + name + "'");
        all.addAll(cards);
        return FitsBytes.header(all);
    }

    private static String fixed(String keyword, String value) {
        return String.format(Locale.ROOT, "%-8s= %20s", keyword, value);
    }

    private static Path write(Path file, byte[]... hdus) throws IOException {
        return Files.write(file, FitsBytes.concat(hdus));
    }

    // ------------------------------------------------------------------ nom-tam-fits

    /**
     * {@code nomtam-cards.fits}: an empty primary HDU whose header nom-tam-fits' API filled with
     * commentary (indented, blank keyword, blank card), logicals, integers (beyond 64 bits too),
     * reals, complex values (with integer parts too), an undefined value, strings (empty, blanks
     * only, leading blanks, quotes, doubled quotes, a slash), long strings (quotes across pieces,
     * a final {@code &}) and HIERARCH cards.
     *
     * @param dir the folder to write into
     * @return the file written
     * @throws Exception if nom-tam-fits cannot write it
     */
    public static List<Path> nomTamWritten(Path dir) throws Exception {
        return List.of(NomTamCorpus.write(dir.resolve("nomtam-cards.fits"), () -> {
            BasicHDU<?> primary = new NullDataHDU();
            Header h = primary.getHeader();
            h.insertComment("written by nom-tam-fits for astro-cloud's card corpus");
            h.insertComment("   indented by three");
            h.insertHistory("  step  1   flat      2.5");
            h.insertHistory("  step 12   dark     12.0");
            h.insertCommentStyle("", "   a blank-keyword card, indented");
            h.insertBlankCard();
            h.addValue("LOGT", true, "a logical");
            h.addValue("LOGF", false, null);
            h.addValue("INT", 42, "an integer");
            h.addValue("LONGMIN", Long.MIN_VALUE, "the smallest long");
            h.addValue("BIGINT", new BigInteger("1180591620717411303425"), "beyond 64 bits");
            h.addValue("REAL", 0.1, "a real");
            h.addValue("THIRD", 1.0 / 3, null);
            h.addValue("FLOAT", 0.1f, "a float");
            h.addValue("TINY", 1e-300, null);
            h.addValue("HUGE", 1.5e300, null);
            h.addValue("CPLX", new ComplexValue(1.5, -2.0), "complex");
            h.addValue("CPLXINT", new ComplexValue(137, -1), "complex with integer parts");
            h.addLine(new HeaderCard("UNDEF", (String) null, "undefined"));
            h.addValue("EMPTY", "", "empty string");
            h.addValue("SPACES", "   ", null);
            h.addValue("LEADING", "   leading blanks", null);
            h.addValue("QUOTES", "it's 'quoted'", "quotes");
            h.addValue("DQUOTES", "0.2''/pixel_mask", null);
            h.addValue("SLASH", "a/b", "c/d");
            h.addValue("LONGSTR", "a long string, ".repeat(8) + "with 'quotes' in it", "a long string's comment");
            h.addValue("LONGQ", "q".repeat(66) + "'" + "r".repeat(70), null);
            h.addValue("LONGAMP", LONG_AMP + "&", null);
            h.addValue("HIERARCH.ESO.DET.CHIP.ID", "CCD-44", "the chip");
            h.addValue("HIERARCH.ESO.TEL.AIRM.START", 1.25, null);
            h.addValue("HIERARCH.ESO.OBS.FLAG", true, null);
            return List.of(primary);
        }));
    }

    // ------------------------------------------------------------------ astropy

    /**
     * {@code astropy-cards.fits}, written by astropy's API ({@code astropy_cards.py write}): a
     * primary header of commentary (indented, aligned, blank keyword), logicals, integers (beyond
     * 64 bits too), reals, complex values, an undefined value, strings (empty, blanks only,
     * quotes, doubled quotes), long strings (quotes across pieces, a final {@code &}, a long
     * comment), HIERARCH cards and a comment cut at byte 80, and an IMAGE extension.
     *
     * @param dir the folder to write into
     * @return the file written
     * @throws AssertionError if astropy cannot be run or fails
     * @throws Exception if the script cannot be run
     */
    public static Path astropyWritten(Path dir) throws Exception {
        String out = Astropy.run(dir, ASTROPY_SCRIPT, List.of("write", dir.toString()), Duration.ofSeconds(120));
        return Path.of(out.strip());
    }

    // ------------------------------------------------------------------ TESS

    /**
     * The TESS header texts as files, {@code tess-<text's name>.fits}: the synthetic ones of the
     * {@code testdata} module ({@link #TESTDATA_HEADERS}), and every {@code real_*.txt} and
     * {@code derived_*.txt} of the real ones ({@link #realTessHeaders}) when that folder is found.
     * An extension header gets an empty primary HDU before it; each file is as long as its header
     * says (the data are a sparse hole).
     *
     * @param dir the folder to write into
     * @return the files written
     * @throws IOException if a file cannot be written or the real texts cannot be read
     */
    public static List<Path> tessHeaders(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String resource : TESTDATA_HEADERS) {
            files.add(headerFile(dir.resolve("tess-" + resource.replace(".txt", ".fits")), TessFiles.cards(resource)));
        }
        Optional<Path> real = realTessHeaders();
        if (real.isPresent()) {
            try (Stream<Path> texts = Files.list(real.get())) {
                for (Path text : texts.sorted().toList()) {
                    String name = text.getFileName().toString();
                    if ((name.startsWith("real_") || name.startsWith("derived_")) && name.endsWith(".txt")) {
                        files.add(headerFile(dir.resolve("tess-" + name.replace(".txt", ".fits")),
                                Files.readAllLines(text)));
                    }
                }
            }
        }
        return Collections.unmodifiableList(files);
    }

    /**
     * The folder of real TESS header texts: the system property {@value #TESS_HEADERS_PROPERTY},
     * else the first {@code shared/tess-headers} found in the working folder or above it (a
     * {@code shared/} folder beside the checkout). They are not in the repository: their sources' terms are
     * listed in {@code SOURCES.md} there.
     *
     * @return the folder, or empty when there is none
     */
    public static Optional<Path> realTessHeaders() {
        String property = System.getProperty(TESS_HEADERS_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("tess-headers");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A file of one header text (80-character lines, END last), after an empty primary HDU if it is an extension. */
    private static Path headerFile(Path file, List<String> lines) throws IOException {
        List<String> cards = new ArrayList<>(lines.stream().filter(l -> !l.isBlank()).toList());
        if (!cards.get(0).startsWith("SIMPLE") && !cards.get(0).startsWith("XTENSION")) {
            // a header fragment (the FFI WCS): made a primary header of 32-bit reals, as the FFI image is
            cards.addAll(0, List.of(fixed("SIMPLE", "T"), fixed("BITPIX", "-32")));
        }
        List<String> beforeEnd = cards.subList(0, cards.size() - 1);
        byte[] header = FitsBytes.header(beforeEnd);
        byte[] primary = cards.get(0).startsWith("SIMPLE") ? new byte[0] : primary(List.of());
        long data = FitsBytes.padded(dataSize(beforeEnd));
        Files.write(file, FitsBytes.concat(primary, header));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(primary.length + header.length + data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1 * ... * NAXISn), read from the cards by hand. */
    private static long dataSize(List<String> cards) {
        long naxis = integer(cards, "NAXIS", 0);
        if (naxis == 0) {
            return 0;
        }
        long product = 1;
        for (int k = 1; k <= naxis; k++) {
            product *= integer(cards, "NAXIS" + k, 0);
        }
        return Math.abs(integer(cards, "BITPIX", 8)) / 8 * integer(cards, "GCOUNT", 1)
                * (integer(cards, "PCOUNT", 0) + product);
    }

    private static long integer(List<String> cards, String keyword, long absent) {
        String key = String.format(Locale.ROOT, "%-8s= ", keyword);
        return cards.stream().filter(c -> c.startsWith(key)).findFirst()
                .map(c -> Long.parseLong(c.substring(10).split("/")[0].strip()))
                .orElse(absent);
    }
}
