package org.astrocloud.fits.data;

import java.net.URI;
import java.nio.file.Path;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.spi.ByteRangeSource;
import reactor.core.publisher.Mono;

/**
 * Turns what a {@link Download} asks into an {@link OutputPlan} and what is known of the object
 * before its bytes are read: for an HDU, the walk to its header (over the download's own source, so
 * its reads count) gives the offsets and the validator; for a local file, the file system gives the
 * size and the last-modified time.
 */
final class Planner {
    private Planner() {
    }

    /** The plan and what is known of the object beforehand. */
    record Planned(OutputPlan plan, ObjectIdentity known) {
    }

    static Mono<Planned> plan(OutputPlan bytes, HduSelection hdu, ByteRangeSource source, FitsScanner scanner) {
        Mono<ObjectIdentity> local = local(source.uri());
        if (hdu == null) {
            return local.map(known -> new Planned(bytes, known));
        }
        return local.flatMap(known -> scanner.scan(source)
                .filter(h -> h.compression().isPresent() || hdu.matches(h))
                .next()
                .switchIfEmpty(Mono.error(() -> new HduNotFoundException(hdu, source.uri())))
                .handle((h, sink) -> {
                    if (h.compression().isPresent()) {
                        sink.error(new CompressedHduException(h.compression().get(), source.uri()));
                    } else {
                        sink.next(new Planned(of(h), known.and(new ObjectIdentity(-1, h.validator().orElse(null), -1))));
                    }
                }));
    }

    /**
     * HDU {@code h} as a file of its own: the primary HDU as it is; an extension after a primary
     * stub, its header and padded data byte for byte ({@code [headerOffset, nextOffset)}), the
     * padding zero-filled if the object ends without it.
     */
    static OutputPlan of(FitsHeader h) {
        byte[] prefix = h.index() == 0 ? new byte[0] : PrimaryStub.bytes();
        return new OutputPlan("hdu " + h.index(), prefix, h.headerOffset(), h.nextOffset() - h.headerOffset(),
                h.headerSize() + h.dataSize());
    }

    private static Mono<ObjectIdentity> local(URI uri) {
        return "file".equalsIgnoreCase(uri.getScheme()) ? PartFile.identityOf(Path.of(uri)) : Mono.just(ObjectIdentity.UNKNOWN);
    }
}
