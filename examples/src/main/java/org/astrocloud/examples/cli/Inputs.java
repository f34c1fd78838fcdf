package org.astrocloud.examples.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Turns a command-line argument into a URI: URIs with a scheme stay as they are, anything else is a local path ({@code file:/abs/path}). */
final class Inputs {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Inputs() {
    }

    static URI toUri(String argument) {
        if (SCHEME.matcher(argument).matches()) {
            return URI.create(argument);
        }
        return Path.of(argument).toAbsolutePath().normalize().toFile().toURI();
    }
}
