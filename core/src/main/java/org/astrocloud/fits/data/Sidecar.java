package org.astrocloud.fits.data;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code <out>.part.json} records of a download under way, so that a later run can tell whether
 * the part continues the same download of the same object: the URI (redacted: no secret is stored),
 * what was asked, the object's bytes the output takes, and the object's identity. One small JSON
 * object, written and read here (core has no JSON library).
 */
record Sidecar(String uri, String request, long offset, long length, ObjectIdentity object) {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+|null)");

    /** Whether the part of {@code other} continues this download (the same request; the object compared apart). */
    boolean sameRequest(Sidecar other) {
        return uri.equals(other.uri) && request.equals(other.request) && offset == other.offset && length == other.length;
    }

    Sidecar with(ObjectIdentity identity) {
        return new Sidecar(uri, request, offset, length, identity);
    }

    String toJson() {
        return "{\"uri\": " + quote(uri) + ", \"request\": " + quote(request) + ", \"offset\": " + offset
                + ", \"length\": " + length + ", \"objectSize\": " + object.size() + ", \"validator\": "
                + (object.validator() == null ? "null" : quote(object.validator())) + ", \"lastModified\": "
                + object.lastModified() + "}\n";
    }

    /** The sidecar in {@code json}; empty when it is not one of ours (then the part is not trusted). */
    static Optional<Sidecar> parse(String json) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            fields.put(m.group(1), m.group(3) != null ? unquote(m.group(3)) : m.group(2).equals("null") ? null : m.group(2));
        }
        try {
            return Optional.of(new Sidecar(required(fields, "uri"), required(fields, "request"),
                    Long.parseLong(required(fields, "offset")), Long.parseLong(required(fields, "length")),
                    new ObjectIdentity(Long.parseLong(required(fields, "objectSize")), fields.get("validator"),
                            Long.parseLong(required(fields, "lastModified")))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String required(java.util.Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return v;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String unquote(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                if (n == 'u' && i + 4 < s.length()) {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
