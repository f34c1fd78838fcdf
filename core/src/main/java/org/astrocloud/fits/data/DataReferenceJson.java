package org.astrocloud.fits.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.HduKind;
import org.astrocloud.fits.error.Redaction;

/**
 * The JSON form of a {@link DataReference}: one object with the fields named as the accessors
 * (plus {@code numpyShape} and {@code dtype} for readers in other languages), written and read with
 * Jackson's streaming API. Unknown fields are skipped when reading, so that later versions can add some.
 */
final class DataReferenceJson {
    private static final JsonFactory JSON = new JsonFactory();

    private DataReferenceJson() {
    }

    static String write(DataReference ref, boolean redact) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("uri", redact ? Redaction.redact(ref.uri()) : ref.uri().toString());
            g.writeNumberField("hdu", ref.hdu());
            g.writeStringField("kind", ref.kind().name());
            g.writeNumberField("offset", ref.offset());
            g.writeNumberField("size", ref.size());
            if (ref.compression().isPresent()) {
                g.writeStringField("compression", ref.compression().get());
            }
            if (ref.validator().isPresent()) {
                g.writeStringField("validator", ref.validator().get());
            }
            g.writeNumberField("bitpix", ref.bitpix());
            if (ref.elementType().isPresent()) {
                g.writeStringField("dtype", ref.elementType().get().numpyDtype());
            }
            longs(g, "fitsShape", ref.fitsShape());
            longs(g, "numpyShape", ref.numpyShape());
            if (ref.isImage()) {
                g.writeNumberField("bzero", ref.bzero());
                g.writeNumberField("bscale", ref.bscale());
                if (ref.blank().isPresent()) {
                    g.writeNumberField("blank", ref.blank().getAsLong());
                }
            }
            if (ref.isTable()) {
                g.writeNumberField("heapOffset", ref.heapOffset());
                g.writeNumberField("heapSize", ref.heapSize());
                g.writeArrayFieldStart("columns");
                for (TableColumn c : ref.columns()) {
                    column(g, c);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void column(JsonGenerator g, TableColumn c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("number", c.number());
        g.writeStringField("name", c.name());
        g.writeStringField("format", c.format());
        g.writeStringField("unit", c.unit());
        g.writeNumberField("offset", c.offset());
        g.writeNumberField("width", c.width());
        g.writeNumberField("scale", c.scale());
        g.writeNumberField("zero", c.zero());
        if (c.nullValue() != null) {
            g.writeStringField("null", c.nullValue());
        }
        if (c.dim() != null) {
            g.writeStringField("dim", c.dim());
        }
        g.writeEndObject();
    }

    private static void longs(JsonGenerator g, String name, long[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (long v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    static DataReference read(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            URI uri = null;
            int hdu = 0;
            HduKind kind = null;
            long offset = 0;
            long size = 0;
            String compression = null;
            String validator = null;
            int bitpix = 8;
            long[] axes = new long[0];
            double bzero = 0;
            double bscale = 1;
            Long blank = null;
            long heapOffset = 0;
            long heapSize = 0;
            List<TableColumn> columns = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "uri" -> uri = URI.create(p.getText());
                    case "hdu" -> hdu = p.getIntValue();
                    case "kind" -> kind = HduKind.valueOf(p.getText());
                    case "offset" -> offset = p.getLongValue();
                    case "size" -> size = p.getLongValue();
                    case "compression" -> compression = p.getText();
                    case "validator" -> validator = p.getText();
                    case "bitpix" -> bitpix = p.getIntValue();
                    case "fitsShape" -> axes = longs(p);
                    case "bzero" -> bzero = p.getDoubleValue();
                    case "bscale" -> bscale = p.getDoubleValue();
                    case "blank" -> blank = p.getLongValue();
                    case "heapOffset" -> heapOffset = p.getLongValue();
                    case "heapSize" -> heapSize = p.getLongValue();
                    case "columns" -> columns = columns(p);
                    default -> p.skipChildren();
                }
                if (value == null) {
                    break;
                }
            }
            if (uri == null || kind == null) {
                throw new IllegalArgumentException("a data reference needs a uri and a kind");
            }
            return new DataReference(uri, hdu, kind, offset, size, compression, validator, bitpix, axes, bzero, bscale,
                    blank, heapOffset, heapSize, columns);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a data reference: " + e.getMessage(), e);
        }
    }

    private static long[] longs(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        List<Long> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(p.getLongValue());
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<TableColumn> columns(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        List<TableColumn> columns = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int number = 0;
            String name = "";
            String format = "";
            String unit = "";
            long offset = 0;
            long width = 0;
            double scale = 1;
            double zero = 0;
            String nullValue = null;
            String dim = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "number" -> number = p.getIntValue();
                    case "name" -> name = p.getText();
                    case "format" -> format = p.getText();
                    case "unit" -> unit = p.getText();
                    case "offset" -> offset = p.getLongValue();
                    case "width" -> width = p.getLongValue();
                    case "scale" -> scale = p.getDoubleValue();
                    case "zero" -> zero = p.getDoubleValue();
                    case "null" -> nullValue = p.getText();
                    case "dim" -> dim = p.getText();
                    default -> p.skipChildren();
                }
            }
            columns.add(new TableColumn(number, name, format, unit, offset, width, scale, zero, nullValue, dim));
        }
        return columns;
    }

    private static void expect(JsonToken got, JsonToken wanted) {
        if (got != wanted) {
            throw new IllegalArgumentException("expected " + wanted + ", found " + got);
        }
    }
}
