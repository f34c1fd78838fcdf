package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.ScanPart;
import org.astrocloud.fits.ScanResult;

/**
 * Writes one row per HDU (and one per failed file) as CSV or as an aligned table: fixed columns,
 * then the values of the chosen keywords. A keyword with wildcards ({@code NAXIS*}) is one column
 * listing {@code KEY=value} for every card it matches, separated by {@code "; "}. A table is aligned
 * once all rows are known.
 */
final class Columns implements ResultWriter {
    private static final List<String> FIXED = List.of("uri", "hdu", "kind", "headerOffset", "dataOffset", "dataSize", "naxis");

    private final PrintWriter out;
    private final List<KeywordPattern> keywords;
    private final boolean csv;
    private final UriText uris;
    private final List<List<String>> rows = new ArrayList<>();
    private final Set<KeywordPattern> matched = ConcurrentHashMap.newKeySet();

    /**
     * @param headerRow whether to start with the row of column names (not when appending to an
     *                  output that has it already)
     */
    Columns(PrintWriter out, List<KeywordPattern> keywords, boolean csv, boolean headerRow, UriText uris) {
        this.out = out;
        this.uris = uris;
        this.keywords = keywords;
        this.csv = csv;
        if (headerRow) {
            List<String> header = new ArrayList<>(FIXED);
            keywords.forEach(k -> header.add(k.text()));
            header.add("error");
            emit(header);
        }
    }

    @Override
    public synchronized void write(ScanPart part) {
        String uri = uris.show(part.uri());
        for (FitsHeader h : part.headers()) {
            List<String> row = new ArrayList<>(List.of(uri, Integer.toString(h.index()), h.kind().name(),
                    Long.toString(h.headerOffset()), Long.toString(h.dataOffset()), Long.toString(h.dataSize()),
                    h.naxis().stream().map(String::valueOf).collect(Collectors.joining("x"))));
            for (KeywordPattern k : keywords) {
                row.add(cell(h, k));
            }
            row.add("");
            emit(row);
        }
        part.end().flatMap(ScanResult::error).ifPresent(e -> {
            List<String> row = new ArrayList<>(List.of(uri,
                    e instanceof AstroCloudException a && a.hdu().isPresent() ? Integer.toString(a.hdu().getAsInt()) : "",
                    "", "", "", "", ""));
            keywords.forEach(k -> row.add(""));
            row.add(e.getClass().getSimpleName() + ": " + (e instanceof AstroCloudException a ? a.detail() : e.getMessage()));
            emit(row);
        });
        if (csv) {
            out.flush();
        }
    }

    private String cell(FitsHeader h, KeywordPattern k) {
        if (!k.isWildcard()) {
            return h.card(k.text()).map(c -> {
                matched.add(k);
                return c.value().map(String::valueOf).orElse("");
            }).orElse("");
        }
        List<FitsCard> cards = k.select(h);
        if (!cards.isEmpty()) {
            matched.add(k);
        }
        return cards.stream().map(c -> c.keyword() + "=" + c.value().map(String::valueOf).orElse(""))
                .collect(Collectors.joining("; "));
    }

    private void emit(List<String> row) {
        if (csv) {
            out.println(row.stream().map(Columns::csvField).collect(Collectors.joining(",")));
        } else {
            rows.add(row);
        }
    }

    private static String csvField(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    @Override
    public synchronized void finish() {
        if (!csv && !rows.isEmpty()) {
            int[] width = new int[rows.get(0).size()];
            rows.forEach(row -> {
                for (int i = 0; i < row.size(); i++) {
                    width[i] = Math.max(width[i], row.get(i).length());
                }
            });
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + Math.max(1, width[i]) + "s", row.get(i)));
                }
                out.println(line.toString().stripTrailing());
            }
        }
        out.flush();
    }

    @Override
    public List<String> warnings() {
        return keywords.stream().filter(k -> !matched.contains(k))
                .map(k -> "--keywords: no HDU has a card " + (k.isWildcard() ? "matching " : "") + k.text()).toList();
    }
}
