package org.astrocloud.examples.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar on stderr (files done / total when known, HDUs, bytes, requests per second,
 * failures), or nothing when stderr is not a terminal.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final Summary summary;

    private Progress(ProgressBar bar, Summary summary) {
        this.bar = bar;
        this.summary = summary;
    }

    static Progress off(Summary summary) {
        return new Progress(null, summary);
    }

    static Progress on(PrintStream err, Summary summary) {
        return new Progress(new ProgressBarBuilder().setTaskName("scan").setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setUnit(" files", 1)
                .setConsumer(new ConsoleProgressBarConsumer(err)).build(), summary);
    }

    /** Whether a progress bar makes sense: the JVM has a terminal and output is not redirected away from it. */
    static boolean terminalAttached() {
        return System.console() != null;
    }

    /** One more file will be scanned. */
    void planned(long total) {
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    /** One file is done. */
    void done() {
        if (bar != null) {
            double seconds = Math.max(summary.elapsedSeconds(), 1e-3);
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "%d HDUs, %s, %.0f req/s, %d failed", summary.scanned.hdus(),
                    Summary.bytes(summary.scanned.bytesRead()), summary.scanned.requests() / seconds, summary.failed()));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
