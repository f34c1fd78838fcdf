package org.astrocloud.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import org.astrocloud.fits.data.FileChecksums;
import org.astrocloud.fits.data.HduChecksum;

/**
 * {@code fits-scan verify --json}: one JSON object per line, {@code "type": "hdu"} per HDU (its
 * verdicts, the cards' values and what was computed), {@code "error"} when a file could not be read,
 * {@code "file"} with {@code --stats}.
 */
final class VerifyJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final PrintWriter out;
    private final UriText uris;

    VerifyJson(PrintWriter out, UriText uris) {
        this.out = out;
        this.uris = uris;
    }

    void write(URI uri, FileChecksums file, boolean stats) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.setRootValueSeparator(null);
            for (HduChecksum hdu : file.hdus()) {
                json.writeStartObject();
                json.writeStringField("type", "hdu");
                json.writeStringField("uri", uris.show(uri));
                json.writeNumberField("hdu", hdu.index());
                json.writeStringField("checksum", hdu.checksum().name());
                json.writeStringField("datasum", hdu.datasum().name());
                nullable(json, "checksumCard", hdu.checksumCard());
                nullable(json, "datasumCard", hdu.datasumCard());
                json.writeStringField("computedDatasum", hdu.computedDatasum());
                json.writeNumberField("hduSum", hdu.hduSum());
                json.writeNumberField("dataOffset", hdu.dataOffset());
                json.writeNumberField("paddedDataSize", hdu.paddedDataSize());
                json.writeEndObject();
                json.writeRaw('\n');
            }
            if (file.failure() != null) {
                json.writeStartObject();
                json.writeStringField("type", "error");
                json.writeStringField("uri", uris.show(uri));
                json.writeStringField("error", file.failure().getClass().getSimpleName());
                json.writeStringField("message", String.valueOf(file.failure().getMessage()));
                json.writeEndObject();
                json.writeRaw('\n');
            }
            if (stats) {
                json.writeStartObject();
                json.writeStringField("type", "file");
                json.writeStringField("uri", uris.show(uri));
                json.writeBooleanField("ok", file.isOk());
                json.writeNumberField("hdus", file.hdus().size());
                json.writeNumberField("requests", file.requests());
                json.writeNumberField("bytesRead", file.bytesRead());
                json.writeNumberField("retries", file.retries());
                json.writeEndObject();
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write(text.toString());
        out.flush();
    }

    private static void nullable(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get());
        } else {
            json.writeNullField(field);
        }
    }
}
