package org.astrocloud.examples.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.error.DeadlineExceededException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.astrocloud.fits.FitsScanner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code fits-scan header}: the cards of each header exactly as stored, 80 columns a line, as
 * astropy's {@code fitsheader} prints them. With {@code --hdu} only the HDUs named are read: the
 * walk stops at the last one needed.
 */
@Command(name = "header", mixinStandardHelpOptions = true,
        description = "Prints each header's cards as stored, 80 columns a line, like astropy's fitsheader.",
        footer = {"", "Exit codes: 0 every file was read, 1 some file failed or lacks an HDU named by --hdu, 2 usage error."})
final class HeaderCommand extends FileCommand {
    private static final int CARD = 80;

    @Option(names = {"-e", "--hdu"}, paramLabel = "N|EXTNAME|EXTNAME,EXTVER",
            description = "Only this HDU: its index, EXTNAME or EXTNAME,EXTVER (repeatable; default: every HDU).")
    List<String> hdus = List.of();

    @Option(names = {"-k", "--keyword"}, paramLabel = "KEYWORD", split = ",",
            description = "Only cards with this keyword; * and ? are wildcards, as in NAXIS* or TTYPE? (repeatable).")
    List<String> keywords = List.of();

    @Override
    void print(FitsScanner scanner, Flux<URI> objects, PrintWriter out) {
        List<HduSelector> selectors = hdus.stream().map(HduSelector::parse).toList();
        List<KeywordPattern> patterns = KeywordPattern.of(keywords);
        AtomicBoolean first = new AtomicBoolean(true);
        objects.flatMapSequential(uri -> read(scanner, uri, selectors), source.concurrency, 1)
                .doOnNext(file -> {
                    if (!first.getAndSet(false) && patterns.isEmpty()) {
                        out.println();
                    }
                    write(file, selectors, patterns, out);
                })
                .blockLast();
    }

    /** What was read of one file: the wanted HDUs by selector (or all), and the error that ended the walk. */
    private record File(URI uri, Map<String, FitsHeader> hdus, Throwable error) {
    }

    private static Mono<File> read(FitsScanner scanner, URI uri, List<HduSelector> selectors) {
        Map<String, FitsHeader> found = new LinkedHashMap<>();
        return scanner.scan(uri)
                .doOnNext(h -> {
                    if (selectors.isEmpty()) {
                        found.put(Integer.toString(h.index()), h);
                    }
                    selectors.stream().filter(s -> !found.containsKey(s.text()) && s.matches(h))
                            .forEach(s -> found.put(s.text(), h));
                })
                .takeUntil(h -> !selectors.isEmpty() && found.size() == selectors.size())
                .then(Mono.fromCallable(() -> new File(uri, found, null)))
                // scan(uri) has no deadline of its own: the per-file one of scanFile, here too
                .timeout(scanner.settings().fileTimeout(), Mono.defer(() -> Mono.error(new DeadlineExceededException(
                        "the scan did not end within the per-file deadline of " + scanner.settings().fileTimeout().toMillis()
                                + " ms", uri, scanner.settings().fileTimeout()))))
                .onErrorResume(e -> Mono.just(new File(uri, found, e)));
    }

    private void write(File file, List<HduSelector> selectors, List<KeywordPattern> patterns, PrintWriter out) {
        List<String> keys = selectors.isEmpty() ? new ArrayList<>(file.hdus().keySet())
                : selectors.stream().map(HduSelector::text).distinct().toList();
        boolean firstHdu = true;
        for (String key : keys) {
            FitsHeader h = file.hdus().get(key);
            if (h == null) {
                if (file.error() == null) {
                    failed(file.uri(), new IllegalArgumentException("no HDU " + key));
                }
                continue;
            }
            if (!firstHdu) {
                out.println();
            }
            firstHdu = false;
            out.println("# HDU " + key + " in " + shown(file.uri()) + ":");
            if (patterns.isEmpty()) {
                cards(h, out);
            } else {
                for (KeywordPattern p : patterns) {
                    List<FitsCard> cards = p.select(h);
                    if (cards.isEmpty()) {
                        spec.commandLine().getErr().println("fits-scan header: " + shown(file.uri()) + " (HDU " + key
                                + "): keyword " + p + " not found");
                    }
                    cards.forEach(c -> image(c.image(), out));
                }
            }
        }
        out.flush();
        if (file.error() != null) {
            failed(file.uri(), file.error());
        }
    }

    /** Every card before END, byte for byte. */
    private static void cards(FitsHeader h, PrintWriter out) {
        ByteBuffer raw = h.rawBytes();
        byte[] card = new byte[CARD];
        for (int i = 0; i < h.cardCount(); i++) {
            raw.get(i * CARD, card);
            out.println(new String(card, StandardCharsets.ISO_8859_1));
        }
    }

    private static void image(String image, PrintWriter out) {
        for (int at = 0; at + CARD <= image.length(); at += CARD) {
            out.println(image.substring(at, at + CARD));
        }
    }
}
