package org.astrocloud.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.astrocloud.fits.catalog.duckdb.CatalogQuery;
import org.astrocloud.fits.data.DataReference;

/**
 * Prints a query's rows as an aligned table, CSV or JSON Lines. URIs are masked by default
 * ({@link UriText}): a cell that is a URI, and the URI inside a data reference ({@code data_ref}).
 * BLOBs print as their size ({@code <2880 bytes>}) in table and CSV, as hex in JSON.
 */
final class QueryOutput implements CatalogQuery.RowHandler {
    enum Format { TABLE, CSV, JSONL }

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern URI_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:\\S+$");

    private final PrintWriter out;
    private final Format format;
    private final UriText uris;
    private List<String> names = List.of();
    private final List<List<String>> table = new ArrayList<>();

    QueryOutput(PrintWriter out, Format format, UriText uris) {
        this.out = out;
        this.format = format;
        this.uris = uris;
    }

    @Override
    public void columns(List<String> columnNames, List<String> types) {
        this.names = columnNames;
        if (format == Format.CSV) {
            out.println(columnNames.stream().map(QueryOutput::csv).collect(Collectors.joining(",")));
        } else if (format == Format.TABLE) {
            table.add(columnNames);
        }
    }

    @Override
    public void row(List<Object> values) {
        switch (format) {
            case JSONL -> out.println(json(values));
            case CSV -> out.println(values.stream().map(this::text).map(QueryOutput::csv).collect(Collectors.joining(",")));
            case TABLE -> table.add(values.stream().map(this::text).toList());
        }
    }

    /** Prints the table (the other formats are printed as they come). */
    void finish() {
        if (format == Format.TABLE) {
            int[] width = new int[names.size()];
            table.forEach(r -> {
                for (int i = 0; i < r.size(); i++) {
                    width[i] = Math.max(width[i], r.get(i).length());
                }
            });
            for (List<String> r : table) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.size(); i++) {
                    line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + Math.max(1, width[i]) + "s", r.get(i)));
                }
                out.println(line.toString().stripTrailing());
            }
        }
        out.flush();
    }

    private String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof byte[] b) {
            return "<" + b.length + " bytes>";
        }
        if (v instanceof List<?> l) {
            return l.stream().map(this::text).collect(Collectors.joining(", ", "[", "]"));
        }
        return v instanceof String s ? masked(s) : String.valueOf(v);
    }

    /** {@code s} with its URI secrets masked, when it is a URI or a data reference. */
    String masked(String s) {
        if (uris == UriText.EXACT) {
            return s;
        }
        if (s.startsWith("{") && s.contains("\"uri\"")) {
            try {
                return DataReference.fromJson(s).toJson(true);
            } catch (RuntimeException notAReference) {
                return s;
            }
        }
        if (URI_LIKE.matcher(s).matches()) {
            try {
                return uris.show(URI.create(s));
            } catch (IllegalArgumentException notAUri) {
                return s;
            }
        }
        return s;
    }

    private String json(List<Object> values) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            for (int i = 0; i < values.size(); i++) {
                json.writeFieldName(names.get(i));
                value(json, values.get(i));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private void value(JsonGenerator json, Object v) throws IOException {
        if (v == null) {
            json.writeNull();
        } else if (v instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            json.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d && Double.isFinite(d)) {
            json.writeNumber(d);
        } else if (v instanceof java.math.BigDecimal d) {
            json.writeNumber(d);
        } else if (v instanceof java.math.BigInteger b) {
            json.writeNumber(b);
        } else if (v instanceof byte[] b) {
            json.writeString(HexFormat.of().formatHex(b));
        } else if (v instanceof List<?> l) {
            json.writeStartArray();
            for (Object item : l) {
                value(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(v instanceof String s ? masked(s) : String.valueOf(v));
        }
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
