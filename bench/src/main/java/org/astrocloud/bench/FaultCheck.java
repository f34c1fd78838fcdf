package org.astrocloud.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.astrocloud.testservers.RandomFaults;

/**
 * Holds fits-scan's JSON lines for a fault run against two independent sources: the layout
 * nom-tam-fits reads in the local files ({@link Workload#headers}) and what the fault proxy did to
 * each file's requests ({@link RandomFaults#faultsOf}). A file whose requests got a 200 that
 * ignores Range must end in {@code RangeNotSupportedException} (its headers before it right),
 * without asking for that range again; a
 * file with only transient faults must come out whole and right, or, only if at least
 * {@code retries + 1} of its requests failed, as a {@code TransientSourceException}; anything else
 * is wrong, and a file with no line at all is missing (a hang). A 200 that upstream gave the
 * proxy only after half the client's read time-out may reach the client too late, as a stall
 * does: for such a file either ending is right.
 */
final class FaultCheck {
    private static final Pattern LINE = Pattern.compile("^\\{\"type\":\"(hdu|error)\",\"uri\":\"([^\"]*)\"");
    private static final Pattern HDU = Pattern.compile("\"headerOffset\":(\\d+),\"headerSize\":(\\d+)");
    private static final Pattern ERROR = Pattern.compile("\"error\":\"([^\"]+)\"");
    static final String RANGE_NOT_SUPPORTED = "RangeNotSupportedException";
    static final String TRANSIENT = "TransientSourceException";

    /** The counts of one run; {@link #examples} names a few wrong or missing files and why. */
    static final class Tally {
        int files;
        int right;
        int missing;
        int wrong;
        /** Files whose only 200s ignoring Range came from upstream after half the read time-out: they may be seen as stalls. */
        int lateIgnoredRange;
        final Map<String, Integer> typedErrors = new TreeMap<>();
        final List<String> examples = new ArrayList<>();

        private void wrong(String key, String why) {
            wrong++;
            if (examples.size() < 10) {
                examples.add(key + ": " + why);
            }
        }
    }

    /** What fits-scan printed for one file. */
    private static final class Outcome {
        final List<long[]> headers = new ArrayList<>();
        String error;
    }

    private FaultCheck() {
    }

    /**
     * Checks fits-scan's output {@code jsonl} for the first {@code n} names of {@code load}, whose
     * requests went to {@code /BUCKET/NAME} through a proxy with {@code faults}; {@code retries} is
     * the client's number of retries.
     */
    static Tally check(Path jsonl, Workload load, int n, RandomFaults faults, int retries, Duration readTimeout) {
        Map<String, Outcome> outcomes = parse(jsonl);
        Tally t = new Tally();
        t.files = n;
        for (int i = 0; i < n; i++) {
            String key = load.keys().get(i);
            Outcome o = outcomes.get(key);
            List<RandomFaults.Fault> got = faults.faultsOf("/" + Workload.BUCKET + "/" + key);
            List<long[]> expected = load.headers(i);
            if (o == null) {
                t.missing++;
                if (t.examples.size() < 10) {
                    t.examples.add(key + ": no result line (faults " + got + ")");
                }
                continue;
            }
            if (!isPrefix(o.headers, expected) || (o.error == null && o.headers.size() != expected.size())) {
                t.wrong(key, "headers " + text(o.headers) + " instead of " + text(expected) + " (faults " + got + ")");
                continue;
            }
            // a 200 that upstream was slow to give may reach the client after its read time-out: then a stall
            boolean definite = got.stream().anyMatch(f -> f.kind() == RandomFaults.Kind.IGNORED_RANGE
                    && f.answeredWithin(readTimeout.dividedBy(2)));
            boolean late = !definite && got.stream().anyMatch(f -> f.kind() == RandomFaults.Kind.IGNORED_RANGE);
            long failedRequests = got.stream().filter(f -> f.kind() != RandomFaults.Kind.NONE).count();
            if (late) {
                t.lateIgnoredRange++;
            }
            if (definite && askedAgainAfterRefusal(got, readTimeout.dividedBy(2))) {
                t.wrong(key, "a range was asked again after a 200 ignoring Range (retried): " + got);
            } else if (o.error == null && !definite) {
                t.right++;
            } else if (RANGE_NOT_SUPPORTED.equals(o.error) ? definite || late
                    : TRANSIENT.equals(o.error) && !definite && failedRequests >= retries + 1L) {
                t.typedErrors.merge(o.error, 1, Integer::sum);
            } else {
                t.wrong(key, (o.error == null ? "no error" : o.error) + " after faults " + got);
            }
        }
        return t;
    }

    /** Whether a range that got a 200 ignoring Range within {@code limit} was asked for again: a retry of a permanent fault. */
    private static boolean askedAgainAfterRefusal(List<RandomFaults.Fault> got, Duration limit) {
        for (int i = 0; i < got.size(); i++) {
            RandomFaults.Fault f = got.get(i);
            if (f.kind() == RandomFaults.Kind.IGNORED_RANGE && f.answeredWithin(limit)) {
                for (RandomFaults.Fault later : got.subList(i + 1, got.size())) {
                    if (java.util.Objects.equals(later.range(), f.range())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Map<String, Outcome> parse(Path jsonl) {
        Map<String, Outcome> out = new HashMap<>();
        try (Stream<String> lines = Files.lines(jsonl)) {
            lines.forEach(line -> {
                Matcher m = LINE.matcher(line);
                if (!m.find()) {
                    return;
                }
                String uri = m.group(2);
                String marker = "/" + Workload.BUCKET + "/";
                Outcome o = out.computeIfAbsent(uri.substring(uri.indexOf(marker) + marker.length()), k -> new Outcome());
                if (m.group(1).equals("hdu")) {
                    Matcher h = HDU.matcher(line);
                    if (h.find()) {
                        o.headers.add(new long[] {Long.parseLong(h.group(1)), Long.parseLong(h.group(2))});
                    }
                } else {
                    Matcher e = ERROR.matcher(line);
                    o.error = e.find() ? e.group(1) : "an error line without a type";
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean isPrefix(List<long[]> seen, List<long[]> expected) {
        if (seen.size() > expected.size()) {
            return false;
        }
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i)[0] != expected.get(i)[0] || seen.get(i)[1] != expected.get(i)[1]) {
                return false;
            }
        }
        return true;
    }

    private static String text(List<long[]> headers) {
        return headers.stream().map(h -> h[0] + "+" + h[1]).toList().toString();
    }
}
