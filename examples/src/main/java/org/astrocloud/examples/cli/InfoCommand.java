package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import picocli.CommandLine.Command;
import reactor.core.publisher.Flux;

/** {@code fits-scan info}: one line per HDU, as astropy's {@code fitsinfo} prints them. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Summarises each file's HDUs like astropy's fitsinfo: name, version, type, cards, dimensions, format.",
        footer = {"", "Dimensions are in FITS order (NAXIS1 first), as fitsinfo prints them; ZNAXISn for tile-compressed images.",
                "Exit codes: 0 every file was read, 1 some file failed (its error is on stderr), 2 usage error."})
final class InfoCommand extends FileCommand {

    @Override
    void print(FitsScanner scanner, Flux<URI> objects, PrintWriter out) {
        AtomicBoolean first = new AtomicBoolean(true);
        scanner.scanAllInOrder(objects)
                .doOnNext(r -> write(r, out, first.getAndSet(false)))
                .blockLast();
    }

    private void write(ScanResult r, PrintWriter out, boolean first) {
        if (!first) {
            out.println();
        }
        out.println("Filename: " + shown(r.uri()));
        out.println(HduSummary.TITLE);
        r.headers().forEach(h -> out.println(HduSummary.of(h).line()));
        out.flush();
        r.error().ifPresent(e -> failed(r.uri(), e));
    }
}
