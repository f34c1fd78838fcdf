package org.astrocloud.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON array of strings in which Spark passes the paths of {@code load(p1, p2, ...)} (option {@code paths}). */
final class JsonStrings {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonStrings() {
    }

    static List<String> array(String json) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("option paths is not a JSON array of strings");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("option paths is not a JSON array of strings");
                }
                out.add(p.getText());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("option paths is not a JSON array of strings: " + e.getMessage(), e);
        }
        return out;
    }
}
