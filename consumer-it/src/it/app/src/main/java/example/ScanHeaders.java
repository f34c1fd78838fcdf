package example;

import java.net.URI;
import java.time.Duration;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.ScanResult;
import org.astrocloud.s3.S3Credentials;
import org.astrocloud.s3.S3Options;

/**
 * A user's application: scans each URI given and prints one line per HDU and one per file.
 * Usage: {@code ScanHeaders S3_ENDPOINT URI...}; the S3 endpoint is an S3-compatible service
 * read anonymously with path-style addressing.
 */
public final class ScanHeaders {
    private ScanHeaders() {
    }

    public static void main(String[] args) {
        FitsScanner scanner = FitsScanner.create()
                .option(S3Options.ENDPOINT, URI.create(args[0]))
                .option(S3Options.CREDENTIALS, S3Credentials.ANONYMOUS)
                .option(S3Options.REGION, "us-east-1");
        boolean ok = true;
        for (int i = 1; i < args.length; i++) {
            ScanResult r = scanner.scanFile(URI.create(args[i])).block(Duration.ofMinutes(1));
            for (FitsHeader h : r.headers()) {
                System.out.printf("hdu %s %d %s header=%d+%d data=%d+%d naxis=%s%s%n", r.uri(), h.index(), h.kind(),
                        h.headerOffset(), h.headerSize(), h.dataOffset(), h.dataSize(), h.naxis(),
                        h.index() == 0 ? " " + keywords(h, "SECTOR", "CAMERA", "CCD") : "");
            }
            System.out.printf("file %s ok=%b size=%s error=%s%n", r.uri(), r.isOk(),
                    r.size().isPresent() ? Long.toString(r.size().getAsLong()) : "?",
                    r.error().map(e -> e.getClass().getName() + ": " + e.getMessage()).orElse("-"));
            ok &= r.isOk();
        }
        System.exit(ok ? 0 : 1);
    }

    private static String keywords(FitsHeader h, String... keywords) {
        StringBuilder s = new StringBuilder();
        for (String k : keywords) {
            s.append(s.length() == 0 ? "" : " ").append(k).append('=')
                    .append(h.longValue(k).isPresent() ? Long.toString(h.longValue(k).getAsLong()) : "-");
        }
        return s.toString();
    }
}
