package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import org.astrocloud.fits.data.FileChecksums;
import org.astrocloud.fits.data.HduChecksum;
import org.astrocloud.fits.data.Verdict;

/** The totals of {@code fits-scan verify}: files, HDUs, verdicts, failures and, with {@code --stats}, reads. */
final class VerifySummary {
    private int files;
    private int failed;
    private long hdus;
    private long ok;
    private long bad;
    private long missing;
    private long requests;
    private long bytes;

    /** Counts one file's verification; called on one thread at a time. */
    synchronized void add(FileChecksums file) {
        files++;
        if (file.error().isPresent()) {
            failed++;
        }
        for (HduChecksum hdu : file.hdus()) {
            hdus++;
            if (hdu.isOk()) {
                ok++;
            } else if (!hdu.isIntact()) {
                bad++;
            }
            if (hdu.isIntact() && (hdu.checksum() == Verdict.MISSING || hdu.datasum() == Verdict.MISSING)) {
                missing++;
            }
        }
        requests += file.requests();
        bytes += file.bytesRead();
    }

    /** Counts an argument that named no object, or whose listing failed. */
    synchronized void unlisted() {
        failed++;
    }

    synchronized void print(PrintWriter err, boolean stats) {
        err.println("fits-scan verify: " + files + (files == 1 ? " file, " : " files, ") + hdus + " HDUs: " + ok + " OK, "
                + bad + " failed, " + missing + " without checksums, " + failed + " unreadable"
                + (stats ? "; " + requests + " requests, " + bytes + " bytes read" : ""));
        err.flush();
    }
}
