package org.astrocloud.fits.catalog.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only search of a catalog that needs no SQL, safe to take from an untrusted caller (a web
 * request): which keywords to return as columns, conditions on keyword values, URI prefixes, order
 * and a page. Keywords are checked against FITS keyword characters and quoted; every value and
 * prefix is a bound parameter; nothing the caller writes becomes SQL text. Immutable: each method
 * returns a copy. {@link CatalogQuery#search} runs it.
 *
 * <p>{@link Level#FILES} gives one row per file ({@code uri}, then each keyword from the file's first
 * HDU that has it, as the {@code wide_files} view); {@link Level#HDUS} one row per HDU ({@code uri},
 * {@code hdu}, then the keywords of that HDU, as {@code wide}). A keyword's column is typed from the
 * cards that hold it (BIGINT, DOUBLE, BOOLEAN or VARCHAR), and a condition's value must fit that
 * type: {@code NAXIS2=1248} compares integers, {@code DATE-OBS>=2019-07-18} strings, {@code SIMPLE=T}
 * logicals ({@code T}, {@code F}, {@code true}, {@code false}). A keyword of mixed types is text
 * (a TESS cube's table header has {@code CAMERA = 'Camera number'}); a number compared with it
 * compares with the values that are numbers ({@code CAMERA=4} finds {@code CAMERA = 4} and
 * {@code '4'}, {@code CAMERA<10} is numeric), any other value compares as text.
 *
 * <pre>{@code
 * CatalogSearch search = CatalogSearch.files()
 *         .select("SECTOR", "CAMERA", "CCD")
 *         .where("CAMERA=4").where("QUALITY", CatalogSearch.Op.EQ, "0")
 *         .uriPrefix("s3://stpubdata/tess/public/mast/")
 *         .orderBy("SECTOR", false)
 *         .limit(100);
 * query.search(search, rows).block();
 * }</pre>
 */
public final class CatalogSearch {
    /** Keywords: FITS keyword characters, and blanks and dots for HIERARCH keywords. */
    private static final Pattern KEYWORD = Pattern.compile("[A-Z0-9_\\-][A-Z0-9_\\-. ]{0,66}");
    /** {@code KEYWORD op VALUE}: a keyword never holds an operator's characters. */
    private static final Pattern CONDITION = Pattern.compile("([^=!<>]+)(=|!=|<=|>=|<|>)(.*)", Pattern.DOTALL);
    /** The most rows one search returns. */
    public static final int MAX_LIMIT = 1_000_000;

    /** One row per file or per HDU. */
    public enum Level {
        /** One row per file: {@code uri}, then the keywords. */
        FILES,
        /** One row per HDU: {@code uri}, {@code hdu}, then the keywords. */
        HDUS
    }

    /** A comparison. */
    public enum Op {
        /** Equal. */
        EQ("="),
        /** Not equal. */
        NE("!="),
        /** Less than. */
        LT("<"),
        /** Less than or equal. */
        LE("<="),
        /** Greater than. */
        GT(">"),
        /** Greater than or equal. */
        GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in a condition and in SQL: {@code =}, {@code !=}, {@code <}, ... */
        public String symbol() {
            return symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("no operator " + symbol);
        }
    }

    /**
     * One condition: the keyword's value compared with {@code value}.
     *
     * @param keyword the keyword, upper case
     * @param op the comparison
     * @param value the value as written, converted to the keyword's column type when the search runs
     */
    public record Condition(String keyword, Op op, String value) {
        /** Checks the keyword and the value. */
        public Condition {
            keyword = CatalogSearch.keyword(keyword);
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return keyword + op.symbol + value;
        }
    }

    private final Level level;
    private final List<String> keywords;
    private final List<Condition> conditions;
    private final List<String> prefixes;
    private final List<List<String>> anyPrefixes;
    private final String orderBy;
    private final boolean descending;
    private final int limit;
    private final long offset;

    private CatalogSearch(Level level, List<String> keywords, List<Condition> conditions, List<String> prefixes,
                          List<List<String>> anyPrefixes, String orderBy, boolean descending, int limit, long offset) {
        this.level = level;
        this.keywords = List.copyOf(keywords);
        this.conditions = List.copyOf(conditions);
        this.prefixes = List.copyOf(prefixes);
        this.anyPrefixes = List.copyOf(anyPrefixes);
        this.orderBy = orderBy;
        this.descending = descending;
        this.limit = limit;
        this.offset = offset;
    }

    /** A search with one row per file, no keyword, no condition, ordered by URI, the first 100 rows. */
    public static CatalogSearch files() {
        return new CatalogSearch(Level.FILES, List.of(), List.of(), List.of(), List.of(), "uri", false, 100, 0);
    }

    /** A search with one row per HDU, ordered by URI and HDU, the first 100 rows. */
    public static CatalogSearch hdus() {
        return files().level(Level.HDUS);
    }

    /** A copy at {@code level}. */
    public CatalogSearch level(Level level) {
        return new CatalogSearch(Objects.requireNonNull(level, "level"), keywords, conditions, prefixes, anyPrefixes,
                orderBy, descending, limit, offset);
    }

    /** A copy that also returns these keywords as columns (upper-cased; duplicates dropped). */
    public CatalogSearch select(String... keywords) {
        return select(List.of(keywords));
    }

    /** A copy that also returns these keywords as columns (upper-cased; duplicates dropped). */
    public CatalogSearch select(List<String> more) {
        List<String> all = new ArrayList<>(keywords);
        for (String k : more) {
            String key = keyword(k);
            if (!all.contains(key)) {
                all.add(key);
            }
        }
        return new CatalogSearch(level, all, conditions, prefixes, anyPrefixes, orderBy, descending, limit, offset);
    }

    /** A copy with one more condition; all conditions must hold. */
    public CatalogSearch where(String keyword, Op op, String value) {
        List<Condition> all = new ArrayList<>(conditions);
        all.add(new Condition(keyword, op, value));
        return new CatalogSearch(level, keywords, all, prefixes, anyPrefixes, orderBy, descending, limit, offset);
    }

    /**
     * A copy with one more condition written {@code KEYWORD op VALUE}, op one of {@code = != < <= > >=}:
     * {@code CAMERA=4}, {@code DATE-OBS>=2019-07-18}, {@code OBJECT=M 31}. The value is everything
     * after the operator, blanks included.
     *
     * @throws IllegalArgumentException when it is not of that form
     */
    public CatalogSearch where(String condition) {
        Matcher m = CONDITION.matcher(condition);
        if (!m.matches()) {
            throw new IllegalArgumentException("a condition is KEYWORD=VALUE, or with != < <= > >=: " + condition);
        }
        return where(m.group(1), Op.of(m.group(2)), m.group(3));
    }

    /** A copy that returns only URIs starting with {@code prefix} (exactly as catalogued); all such prefixes must hold. */
    public CatalogSearch uriPrefix(String prefix) {
        List<String> all = new ArrayList<>(prefixes);
        all.add(Objects.requireNonNull(prefix, "prefix"));
        return new CatalogSearch(level, keywords, conditions, all, anyPrefixes, orderBy, descending, limit, offset);
    }

    /**
     * A copy that returns only URIs starting with one of {@code any} (the roots a service may show,
     * say); an empty list returns nothing. Combined with every other prefix condition.
     */
    public CatalogSearch uriPrefixAnyOf(List<String> any) {
        List<List<String>> all = new ArrayList<>(anyPrefixes);
        all.add(List.copyOf(any));
        return new CatalogSearch(level, keywords, conditions, prefixes, all, orderBy, descending, limit, offset);
    }

    /**
     * A copy ordered by {@code column}: {@code uri}, {@code hdu} (at {@link Level#HDUS}) or a selected
     * keyword, ascending or descending, missing values last; ties by URI (and HDU).
     */
    public CatalogSearch orderBy(String column, boolean descending) {
        String c = column.strip();
        String key = c.equalsIgnoreCase("uri") || c.equalsIgnoreCase("hdu") ? c.toLowerCase(Locale.ROOT) : keyword(c);
        return new CatalogSearch(level, keywords, conditions, prefixes, anyPrefixes, key, descending, limit, offset);
    }

    /** A copy that returns at most {@code rows} rows (1 to {@link #MAX_LIMIT}). */
    public CatalogSearch limit(int rows) {
        if (rows < 1 || rows > MAX_LIMIT) {
            throw new IllegalArgumentException("a limit is 1 to " + MAX_LIMIT + " rows: " + rows);
        }
        return new CatalogSearch(level, keywords, conditions, prefixes, anyPrefixes, orderBy, descending, rows, offset);
    }

    /** A copy that skips the first {@code rows} rows. */
    public CatalogSearch offset(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("an offset is not negative: " + rows);
        }
        return new CatalogSearch(level, keywords, conditions, prefixes, anyPrefixes, orderBy, descending, limit, rows);
    }

    /** One row per file or per HDU. */
    public Level level() {
        return level;
    }

    /** The keywords returned as columns, in order. */
    public List<String> keywords() {
        return keywords;
    }

    /** The conditions, all of which must hold. */
    public List<Condition> conditions() {
        return conditions;
    }

    /** The prefixes every URI must start with. */
    public List<String> uriPrefixes() {
        return prefixes;
    }

    /** Groups of prefixes: every URI must start with one of each group's. */
    public List<List<String>> uriPrefixGroups() {
        return anyPrefixes;
    }

    /** The order column: {@code uri}, {@code hdu} or a keyword. */
    public String orderBy() {
        return orderBy;
    }

    /** Whether the order is descending. */
    public boolean descending() {
        return descending;
    }

    /** The most rows returned. */
    public int limit() {
        return limit;
    }

    /** The rows skipped. */
    public long offset() {
        return offset;
    }

    /** {@code keyword} as a column: stripped, upper case, FITS keyword characters only. */
    static String keyword(String keyword) {
        String key = Objects.requireNonNull(keyword, "keyword").strip().toUpperCase(Locale.ROOT);
        if (!KEYWORD.matcher(key).matches()) {
            throw new IllegalArgumentException("not a FITS keyword: '" + keyword + "' (letters, digits, _ and -;"
                    + " blanks and dots for HIERARCH)");
        }
        if (key.equals("URI") || key.equals("HDU")) {
            throw new IllegalArgumentException("keyword " + key + " would hide the " + key.toLowerCase(Locale.ROOT)
                    + " column");
        }
        return key;
    }

    @Override
    public String toString() {
        return "CatalogSearch[" + level + ", select " + keywords + ", where " + conditions + ", prefixes " + prefixes
                + ", order " + orderBy + (descending ? " desc" : "") + ", limit " + limit + ", offset " + offset + "]";
    }
}
