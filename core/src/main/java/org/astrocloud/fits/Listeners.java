package org.astrocloud.fits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.spi.ByteRangeSource;

/** The listeners of a scanner, heard as one; immutable, like the scanner that holds them. */
final class Listeners implements ScanListener {
    static final Listeners NONE = new Listeners(List.of());

    private final List<ScanListener> all;

    private Listeners(List<ScanListener> all) {
        this.all = all;
    }

    Listeners with(ScanListener listener) {
        List<ScanListener> more = new ArrayList<>(all);
        more.add(listener);
        return new Listeners(List.copyOf(more));
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** {@code source}, with its reads timed when anyone listens. */
    ByteRangeSource instrument(ByteRangeSource source, String scheme) {
        return all.isEmpty() ? source : new TimedSource(source, this, scheme);
    }

    @Override
    public void readEnded(String scheme, String outcome, Duration elapsed) {
        for (ScanListener l : all) {
            l.readEnded(scheme, outcome, elapsed);
        }
    }

    @Override
    public void fileEnded(FileFigures file) {
        for (ScanListener l : all) {
            l.fileEnded(file);
        }
    }

    @Override
    public String toString() {
        return "listeners=" + all.size();
    }
}
