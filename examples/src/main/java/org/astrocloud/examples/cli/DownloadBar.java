package org.astrocloud.examples.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.astrocloud.fits.data.DownloadProgress;

/** The progress bar of {@code fits-scan get} on stderr: bytes in the output out of its size, in kB. */
final class DownloadBar implements AutoCloseable {
    private final ProgressBar bar;

    DownloadBar(PrintStream err, String task) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200).setUnit(" kB", 1_000).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(err)).build();
    }

    /** Takes in one progress event; the bar only stores the figures, it draws on a thread of its own. */
    void update(DownloadProgress p) {
        if (p.total() >= 0) {
            bar.maxHint(p.total());
        }
        bar.stepTo(p.done());
    }

    @Override
    public void close() {
        bar.close();
    }
}
