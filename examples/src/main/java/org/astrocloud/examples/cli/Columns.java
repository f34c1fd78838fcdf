package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.astrocloud.fits.AstroCloudException;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.ScanResult;

/**
 * Writes one row per HDU (and one per failed file) as CSV or as an aligned table: fixed columns,
 * then the values of the chosen keywords. A table is aligned once all rows are known.
 */
final class Columns implements ResultWriter {
    private static final List<String> FIXED = List.of("uri", "hdu", "kind", "headerOffset", "dataOffset", "dataSize", "naxis");

    private final PrintWriter out;
    private final List<String> keywords;
    private final boolean csv;
    private final List<List<String>> rows = new ArrayList<>();

    Columns(PrintWriter out, List<String> keywords, boolean csv) {
        this.out = out;
        this.keywords = keywords.stream().map(k -> k.trim().toUpperCase(Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
        this.csv = csv;
        List<String> header = new ArrayList<>(FIXED);
        header.addAll(this.keywords);
        header.add("error");
        emit(header);
    }

    @Override
    public synchronized void write(ScanResult r) {
        for (FitsHeader h : r.headers()) {
            List<String> row = new ArrayList<>(List.of(r.uri().toString(), Integer.toString(h.index()), h.kind().name(),
                    Long.toString(h.headerOffset()), Long.toString(h.dataOffset()), Long.toString(h.dataSize()),
                    h.naxis().stream().map(String::valueOf).collect(Collectors.joining("x"))));
            for (String k : keywords) {
                row.add(h.card(k).flatMap(FitsCard::value).map(String::valueOf).orElse(""));
            }
            row.add("");
            emit(row);
        }
        r.error().ifPresent(e -> {
            List<String> row = new ArrayList<>(List.of(r.uri().toString(),
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
}
