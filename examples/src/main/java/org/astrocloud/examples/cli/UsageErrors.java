package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How {@code fits-scan} reports what stops it before or outside the scan: a usage error is one line
 * and a pointer to {@code --help} (exit 2, never the whole help, never a stack trace); anything else
 * that escapes a command is one line and exit 1.
 */
final class UsageErrors {
    static final int USAGE = 2;
    static final int FAILED = 1;

    private UsageErrors() {
    }

    static int usage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", u.getSuggestions()) + "?");
        }
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    static int failure(Exception e, CommandLine cl, ParseResult parsed) {
        Throwable root = rootOf(e);
        if (root instanceof ParameterException p) {
            return usage(p, new String[0]);
        }
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": "
                + (root instanceof UncheckedIOException ? "" : root.getClass().getSimpleName() + ": ") + root.getMessage());
        err.flush();
        return FAILED;
    }

    /** The failure itself, out of Reactor's wrapping of checked exceptions. */
    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (reactor.core.Exceptions.unwrap(t) != t) {
            t = reactor.core.Exceptions.unwrap(t);
        }
        return t;
    }
}
