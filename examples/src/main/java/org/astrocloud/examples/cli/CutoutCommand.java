package org.astrocloud.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.fits.data.FitsDataReader;
import org.astrocloud.fits.data.Section;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.tess.CountingSources;
import org.astrocloud.fits.tess.CutoutBox;
import org.astrocloud.fits.tess.TessCutout;
import org.astrocloud.fits.spi.ByteRangeSources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code fits-scan cutout}: a cutout written to a local FITS file, either a TESS target-pixel file
 * cut from an FFI cube ({@code --pixel COL,ROW --size WxH}, {@link TessCutout}) or a section of any
 * image HDU ({@code --hdu N --section 'y0:y1,x0:x1'}, {@link SectionImage}). Reads with range
 * requests only what the cutout needs; the file is written on a bounded-elastic thread.
 */
@Command(name = "cutout", mixinStandardHelpOptions = true,
        description = {"Writes a cutout to a FITS file: a TESS target-pixel file from an FFI cube (--pixel, --size),"
                + " or a section of an image HDU (--section) with its header and WCS moved to the section."},
        footer = {"", "Examples:",
                "  fits-scan cutout s3://stpubdata/tess/public/mast/tess-s0022-1-1-cube.fits --pixel 1045,1001 --size 30x30 -o tpf.fits",
                "  fits-scan cutout ffic.fits --hdu 1 --section '1000:1100,500:600' -o box.fits",
                "", "A gzip-compressed file cannot be entered in the middle: a section of one is read by decompressing it",
                "from its start up to the section's last byte, which costs a download of that much of the file.",
                "", "Exit codes: 0 written, 1 the cutout failed, 2 usage error."})
final class CutoutCommand implements Callable<Integer> {
    private static final Pattern PIXEL = Pattern.compile("\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*");
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+)\\s*(?:[xX]\\s*(\\d+)\\s*)?");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH_OR_URI", description = "The cube or image: a local file, file:, http(s): or s3:// URI.")
    String input;

    @Option(names = "--pixel", paramLabel = "COL,ROW",
            description = "TESS cube cutout centred on this FFI pixel: 0-based column and row, numpy order, as astrocut takes them.")
    String pixel;

    @Option(names = "--size", paramLabel = "WxH", description = "The cutout's width and height in pixels, or one number for a square (default 25x25).")
    String size;

    @Option(names = {"-e", "--hdu"}, paramLabel = "N|EXTNAME|EXTNAME,EXTVER",
            description = "With --section: the image HDU (default: the first HDU with image data).")
    String hdu;

    @Option(names = "--section", paramLabel = "'y0:y1,x0:x1[,...]'",
            description = "An image section in numpy order (slowest axis first): start:stop[:step] or an index per axis.")
    String section;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The FITS file to write (replaced if it exists).")
    Path output;

    @Option(names = "--stats", description = "Print the requests made and the bytes read.")
    boolean stats;

    @Option(names = "--no-redact", description = "Print URIs exactly as given (by default their secrets are masked).")
    boolean noRedact;

    @CommandLine.Mixin
    SourceFlags source = new SourceFlags();

    /** What was written, to be reported. */
    private record Written(URI uri, String what, int bytes, long requests, long bytesRead) {
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if ((pixel == null) == (section == null)) {
            throw new CommandLine.ParameterException(cl, "give either --pixel (a TESS cube cutout) or --section (an image section)");
        }
        if (pixel != null && hdu != null) {
            throw new CommandLine.ParameterException(cl, "--hdu goes with --section, not with --pixel");
        }
        if (section != null && size != null) {
            throw new CommandLine.ParameterException(cl, "--size goes with --pixel, not with --section");
        }
        FitsScanner scanner = source.scanner(cl, System.getenv());
        URI uri;
        try {
            uri = Inputs.toUri(input);
        } catch (InvalidUriException e) {
            throw new CommandLine.ParameterException(cl, "not a path or URI: " + e.getMessage());
        }
        Mono<Written> work = pixel != null ? tpf(scanner, uri, box(cl)) : section(scanner, uri, section(cl));
        PrintWriter out = cl.getOut();
        try {
            Written w = work.block();   // the command's own thread, at the end
            out.printf(Locale.ROOT, "%s: %s -> %s (%d bytes)%n", shown(w.uri()), w.what(), output, w.bytes());
            if (stats) {
                out.printf(Locale.ROOT, "stats: %d requests, %d bytes read%n", w.requests(), w.bytesRead());
            }
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            Throwable t = reactor.core.Exceptions.unwrap(e);
            String why = t instanceof AstroCloudException a ? a.detail() : String.valueOf(t.getMessage());
            cl.getErr().println("fits-scan cutout: " + shown(uri) + ": " + t.getClass().getSimpleName() + ": " + why);
            cl.getErr().flush();
            return UsageErrors.FAILED;
        }
    }

    private CutoutBox box(CommandLine cl) {
        Matcher p = PIXEL.matcher(pixel);
        if (!p.matches()) {
            throw new CommandLine.ParameterException(cl, "--pixel must be COL,ROW (0-based integers), not '" + pixel + "'");
        }
        String given = size == null ? "25x25" : size;
        Matcher s = SIZE.matcher(given);
        if (!s.matches()) {
            throw new CommandLine.ParameterException(cl, "--size must be WxH or N (pixels), not '" + given + "'");
        }
        try {
            int w = Integer.parseInt(s.group(1));
            int h = s.group(2) == null ? w : Integer.parseInt(s.group(2));
            return new CutoutBox(Integer.parseInt(p.group(1)), Integer.parseInt(p.group(2)), w, h);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--pixel/--size: " + e.getMessage());
        }
    }

    private Section section(CommandLine cl) {
        try {
            Section parsed = Section.parse(section);
            if (parsed.slices().isEmpty()) {
                throw new IllegalArgumentException("an empty section");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--section: " + e.getMessage());
        }
    }

    private Mono<Written> tpf(FitsScanner scanner, URI uri, CutoutBox box) {
        return TessCutout.create().scanner(scanner).cut(uri, box)
                .flatMap(tpf -> write(tpf.bytes()).thenReturn(new Written(tpf.cube(),
                        String.format(Locale.ROOT, "%dx%d pixels x %d frames from column %d, row %d%s", box.width(),
                                box.height(), tpf.frames(), box.columnStart(), box.rowStart(),
                                tpf.clipped() ? " (partly off the CCD: NaN there)" : ""),
                        tpf.size(), tpf.requests(), tpf.bytesRead())));
    }

    private Mono<Written> section(FitsScanner scanner, URI uri, Section wanted) {
        return Mono.defer(() -> {
            CountingSources counted = CountingSources.over(ByteRangeSources.installed());
            HduSelector selector = hdu == null ? null : HduSelector.parse(hdu);
            return scanner.sources(counted.registry()).scan(uri)
                    .filter(h -> selector == null ? DataReference.of(h).isImage() && h.dataSize() > 0 : selector.matches(h))
                    .next()
                    .switchIfEmpty(Mono.error(() -> new IllegalArgumentException(selector == null
                            ? "no HDU holds image data" : "no HDU " + hdu)))
                    .flatMap(h -> cut(h, wanted, counted, scanner))
                    .flatMap(made -> write(ByteBuffer.wrap(made.bytes())).thenReturn(new Written(made.header().uri(),
                            "HDU " + made.header().index() + " [" + section + "]", made.bytes().length,
                            counted.requests(), counted.bytesRead())));
        });
    }

    private record Made(FitsHeader header, byte[] bytes) {
    }

    private static Mono<Made> cut(FitsHeader h, Section wanted, CountingSources counted, FitsScanner scanner) {
        DataReference ref = DataReference.of(h);
        if (!ref.isImage()) {
            return Mono.error(new IllegalArgumentException("HDU " + h.index() + " is a " + h.kind() + ", not an image"));
        }
        SectionImage.Axes axes = SectionImage.resolve(wanted, ref.numpyShape());
        return FitsDataReader.create().sources(counted.registry()).options(scanner.options())
                .section(ref, axes.reading())
                .map(values -> new Made(h, SectionImage.write(h, axes, values)));
    }

    /** Writes {@code bytes} to the output file, on a bounded-elastic thread. */
    private Mono<Void> write(ByteBuffer bytes) {
        return Mono.<Void>fromRunnable(() -> {
            try (FileChannel ch = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private String shown(URI uri) {
        return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : UriText.of(noRedact).show(uri);
    }
}
