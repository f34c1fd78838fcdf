package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.astrocloud.fits.ScanOrigin;
import org.astrocloud.fits.ScanResult;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * What an index run did: files new, changed, unchanged and failed; requests by kind (reads of walks,
 * revalidations) and the listing pages as estimated; printed as a summary and a {@code --stats} line.
 */
final class IndexTally {
    /** S3's ListObjectsV2 answers at most 1,000 keys a page. */
    static final int KEYS_PER_PAGE = 1000;

    private final LongAdder files = new LongAdder();
    private final LongAdder fresh = new LongAdder();
    private final LongAdder changed = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder revalidated = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder revalidations = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder listPages = new LongAdder();
    private final long start = System.nanoTime();

    /** Counts one file's result; {@code known}: the catalog had an entry for it before. */
    void add(ScanResult r, boolean known) {
        files.increment();
        if (!r.isOk()) {
            failed.increment();
        } else if (r.origin() == ScanOrigin.WALKED) {
            (known ? changed : fresh).increment();
        } else {
            unchanged.increment();
            if (r.origin() == ScanOrigin.REVALIDATED) {
                revalidated.increment();
            }
        }
        (r.origin() == ScanOrigin.REVALIDATED ? revalidations : reads).add(r.requests());
        bytes.add(r.bytesRead());
    }

    /** Counts an input that could not be listed. */
    void unlisted() {
        files.increment();
        failed.increment();
    }

    /** Counts the estimated listing pages of an input that listed {@code objects} objects from S3. */
    void listed(long objects) {
        listPages.add(Math.max(1, (objects + KEYS_PER_PAGE - 1) / KEYS_PER_PAGE));
    }

    long failed() {
        return failed.sum();
    }

    long done() {
        return files.sum();
    }

    void print(PrintWriter err, String catalog) {
        err.printf(Locale.ROOT, "%n%d files: %d new, %d changed, %d unchanged (%d revalidated), %d failed%n", files.sum(),
                fresh.sum(), changed.sum(), unchanged.sum(), revalidated.sum(), failed.sum());
        err.printf(Locale.ROOT, "%d requests: %d reads (%s), %d revalidations; ~%d listing pages; in %.2f s; catalog %s%n",
                reads.sum() + revalidations.sum(), reads.sum(), Summary.bytes(bytes.sum()), revalidations.sum(),
                listPages.sum(), (System.nanoTime() - start) / 1e9, catalog);
        err.flush();
    }

    /** The {@code --stats} line. */
    String json() {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("type", "index");
            json.writeNumberField("files", files.sum());
            json.writeNumberField("scanned", fresh.sum() + changed.sum());
            json.writeNumberField("new", fresh.sum());
            json.writeNumberField("changed", changed.sum());
            json.writeNumberField("unchanged", unchanged.sum());
            json.writeNumberField("failed", failed.sum());
            json.writeNumberField("requests", reads.sum() + revalidations.sum());
            json.writeNumberField("revalidations", revalidations.sum());
            json.writeNumberField("bytesRead", bytes.sum());
            json.writeNumberField("listRequests", listPages.sum());
            json.writeEndObject();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
