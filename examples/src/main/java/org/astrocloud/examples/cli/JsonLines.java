package org.astrocloud.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.value.FitsComplex;
import org.astrocloud.fits.value.FitsComplexInteger;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.ScanPart;
import org.astrocloud.fits.ScanResult;

/**
 * Writes scan results as JSON Lines, one object per line, each with a {@code "type"}:
 * {@code "hdu"} per header (with {@code --data-refs} carrying its {@code "data"} reference),
 * {@code "error"} when a file failed, {@code "file"} (with {@code --stats}) after each file. Thread-safe: one result's lines are never interleaved with another's.
 */
final class JsonLines implements ResultWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Writer out;
    private final boolean cards;
    private final boolean dataRefs;
    private final boolean stats;
    private final UriText uris;

    JsonLines(Writer out, boolean cards, boolean dataRefs, boolean stats, UriText uris) {
        this.out = out;
        this.cards = cards;
        this.dataRefs = dataRefs;
        this.stats = stats;
        this.uris = uris;
    }

    /**
     * Writes the lines of one piece of a file and flushes: an {@code hdu} line per header, then on
     * the last piece the {@code error} line (if the scan failed) and the {@code file} line (with
     * {@code --stats}). The lines are rendered first, by the calling thread and without a lock (scans
     * render in parallel); only the write is serialised, so a piece's lines stay together.
     */
    @Override
    public void write(ScanPart part) {
        StringWriter text = new StringWriter(8192);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.setRootValueSeparator(null);
            for (FitsHeader h : part.headers()) {
                hdu(json, part.uri(), h);
            }
            if (part.end().isPresent()) {
                ScanResult result = part.end().get();
                if (result.error().isPresent()) {
                    error(json, result.uri(), result.error().get());
                }
                if (stats) {
                    file(json, result, part.hdus());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (out) {
            try {
                out.write(text.toString());
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void hdu(JsonGenerator json, URI uri, FitsHeader h) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "hdu");
        json.writeStringField("uri", uris.show(uri));
        json.writeNumberField("hdu", h.index());
        json.writeStringField("kind", h.kind().name());
        json.writeFieldName("xtension");
        if (h.xtension().isPresent()) {
            json.writeString(h.xtension().get());
        } else {
            json.writeNull();
        }
        json.writeNumberField("headerOffset", h.headerOffset());
        json.writeNumberField("headerSize", h.headerSize());
        json.writeNumberField("dataOffset", h.dataOffset());
        json.writeNumberField("dataSize", h.dataSize());
        json.writeNumberField("paddedDataSize", h.paddedDataSize());
        json.writeNumberField("bitpix", h.bitpix());
        json.writeArrayFieldStart("naxis");
        for (long n : h.naxis()) {
            json.writeNumber(n);
        }
        json.writeEndArray();
        json.writeNumberField("pcount", h.pcount());
        json.writeNumberField("gcount", h.gcount());
        json.writeNumberField("cardCount", h.cardCount());
        if (!h.isConforming()) {
            json.writeBooleanField("conforming", false);
        }
        if (h.compression().isPresent()) {
            json.writeStringField("compression", h.compression().get());
        }
        if (h.validator().isPresent()) {
            json.writeStringField("etag", h.validator().get());
        }
        if (dataRefs) {
            json.writeFieldName("data");
            json.writeRawValue(uris.dataReference(h));
        }
        json.writeObjectFieldStart("header");
        for (Map.Entry<String, Object> e : valuesByKeyword(h).entrySet()) {
            json.writeFieldName(e.getKey());
            if (e.getValue() instanceof Repeated all) {
                json.writeStartArray();
                for (Object v : all.values()) {
                    value(json, v);
                }
                json.writeEndArray();
            } else if (FitsCard.isCommentaryKeyword(e.getKey())) {
                json.writeStartArray();
                value(json, e.getValue());
                json.writeEndArray();
            } else {
                value(json, e.getValue());
            }
        }
        json.writeEndObject();
        if (cards) {
            json.writeArrayFieldStart("cards");
            for (FitsCard c : h.cards()) {
                String image = c.image();
                for (int at = 0; at < image.length(); at += 80) {
                    json.writeString(image.substring(at, at + 80));
                }
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /**
     * Each keyword's value in card order, or its values ({@link Repeated}) when it repeats: one
     * map entry per keyword and no list for the (usual) keyword that appears once, because this
     * runs for every card of every header (6 million at 10,000 cubes).
     */
    private static Map<String, Object> valuesByKeyword(FitsHeader h) {
        List<FitsCard> cards = h.cards();
        Map<String, Object> values = new LinkedHashMap<>(cards.size() * 4 / 3 + 1);
        for (FitsCard c : cards) {
            Object v = c.value().orElse(UNDEFINED);
            Object before = values.putIfAbsent(c.keyword(), v);
            if (before instanceof Repeated all) {
                all.values().add(v);
            } else if (before != null) {
                values.put(c.keyword(), new Repeated(before, v));
            }
        }
        return values;
    }

    /** The value of a card without one (written as JSON null). */
    private static final Object UNDEFINED = new Object();

    /** The values of a keyword that appears more than once, in card order. */
    private record Repeated(List<Object> values) {
        Repeated(Object first, Object second) {
            this(new ArrayList<>(List.of(first, second)));
        }
    }

    private static void value(JsonGenerator json, Object v) throws IOException {
        if (v == null || v == UNDEFINED) {
            json.writeNull();
        } else if (v instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (v instanceof Long l) {
            json.writeNumber(l);
        } else if (v instanceof BigInteger big) {
            json.writeNumber(big);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                json.writeString(d.toString());
            } else {
                json.writeNumber(d);
            }
        } else if (v instanceof FitsComplexInteger c) {
            json.writeArray(new long[] {c.re(), c.im()}, 0, 2);
        } else if (v instanceof FitsComplex c) {
            json.writeArray(new double[] {c.re(), c.im()}, 0, 2);
        } else {
            json.writeString(v.toString());
        }
    }

    private void error(JsonGenerator json, URI uri, Throwable e) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "error");
        json.writeStringField("uri", uris.show(uri));
        json.writeStringField("error", e.getClass().getSimpleName());
        if (e instanceof AstroCloudException ace) {
            json.writeStringField("message", ace.detail());
            json.writeFieldName("hdu");
            if (ace.hdu().isPresent()) {
                json.writeNumber(ace.hdu().getAsInt());
            } else {
                json.writeNull();
            }
            json.writeFieldName("offset");
            if (ace.offset().isPresent()) {
                json.writeNumber(ace.offset().getAsLong());
            } else {
                json.writeNull();
            }
        } else {
            json.writeStringField("message", String.valueOf(e.getMessage()));
            json.writeNullField("hdu");
            json.writeNullField("offset");
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void file(JsonGenerator json, ScanResult r, int hdus) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "file");
        json.writeStringField("uri", uris.show(r.uri()));
        json.writeBooleanField("ok", r.isOk());
        json.writeNumberField("hdus", hdus);
        json.writeNumberField("requests", r.requests());
        json.writeNumberField("bytesRead", r.bytesRead());
        json.writeNumberField("retries", r.retries());
        json.writeFieldName("size");
        if (r.size().isPresent()) {
            json.writeNumber(r.size().getAsLong());
        } else {
            json.writeNull();
        }
        json.writeFieldName("trailingBytes");
        if (r.trailingBytes().isPresent()) {
            json.writeNumber(r.trailingBytes().getAsLong());
        } else {
            json.writeNull();
        }
        json.writeNumberField("elapsedMs", r.elapsed().toMillis());
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
