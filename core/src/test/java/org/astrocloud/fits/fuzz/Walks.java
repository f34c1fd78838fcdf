package org.astrocloud.fits.fuzz;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.astrocloud.fits.FitsCard;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.error.AstroCloudException;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.testkit.FitsBytes;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * The invariants every fuzzed walk must keep: it ends with headers and completion or with a typed
 * {@link AstroCloudException} (anything else fails the input); it ends within {@link #BOUND}; the
 * headers it emits are laid out as FITS says; and the headers of whole HDUs before a fault are
 * emitted as they were written.
 */
final class Walks {
    /** The longest one input's walk may take. */
    static final Duration BOUND = Duration.ofSeconds(5);
    private static final int BLOCK = 2880;

    private Walks() {
    }

    /**
     * What a walk emitted: its headers, and the error it ended with or null.
     *
     * @param headers the headers, in order
     * @param error the error that ended the walk, or null when it completed
     */
    record Outcome(List<FitsHeader> headers, Throwable error) {
    }

    /**
     * Walks {@code source} with {@code scanner} on another thread, reading every header's cards,
     * and checks that it ends within {@link #BOUND}, with at most a typed error, and that the headers
     * are laid out as FITS says.
     */
    static Outcome walk(FitsScanner scanner, ByteRangeSource source) {
        return walk(scanner, source, BOUND);
    }

    /** {@link #walk(FitsScanner, ByteRangeSource)} within {@code bound}. */
    static Outcome walk(FitsScanner scanner, ByteRangeSource source, Duration bound) {
        List<FitsHeader> headers = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        Disposable walk = scanner.scan(source)
                .doOnNext(h -> headers.add(touched(h)))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(h -> { }, end::complete, () -> end.complete(null));
        Throwable error;
        try {
            error = end.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            walk.dispose();
            throw new AssertionError("the walk of one input took longer than " + bound + " (" + headers.size()
                    + " headers by then)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        Outcome outcome = new Outcome(List.copyOf(headers), error);
        assertOnlyTypedError(outcome);
        assertLaidOut(outcome.headers());
        return outcome;
    }

    /** {@code h} after reading everything it offers, which parses its cards (a failure there fails the walk). */
    private static FitsHeader touched(FitsHeader h) {
        for (FitsCard c : h.cards()) {
            c.value();
            c.comment();
        }
        h.toString();
        return h;
    }

    /** Fails unless the walk completed or ended with a typed error that says where it stands. */
    static void assertOnlyTypedError(Outcome outcome) {
        Throwable e = outcome.error();
        if (e == null) {
            return;
        }
        if (!(e instanceof AstroCloudException a)) {
            throw new AssertionError("the walk ended with an untyped error after " + outcome.headers().size()
                    + " headers: " + e, e);
        }
        if (a.getMessage() == null || a.hdu().orElse(0) < 0 || a.offset().orElse(0) < 0) {
            throw new AssertionError("a typed error without a sound place: " + a, a);
        }
    }

    /** Fails unless the headers follow each other as FITS lays HDUs out: whole blocks, one after the other. */
    static void assertLaidOut(List<FitsHeader> headers) {
        long next = 0;
        for (int i = 0; i < headers.size(); i++) {
            FitsHeader h = headers.get(i);
            check(h.index() == i, "index " + h.index() + " at position " + i);
            check(h.headerOffset() == next, "header " + i + " at " + h.headerOffset() + ", expected " + next);
            check(h.headerSize() > 0 && h.headerSize() % BLOCK == 0, "header size " + h.headerSize());
            check(h.dataOffset() == h.headerOffset() + h.headerSize(), "data offset " + h.dataOffset());
            check(h.dataSize() >= 0 && h.paddedDataSize() % BLOCK == 0 && h.paddedDataSize() >= h.dataSize()
                    && h.paddedDataSize() - h.dataSize() < BLOCK, "data size " + h.dataSize() + " padded " + h.paddedDataSize());
            check(h.nextOffset() == h.dataOffset() + h.paddedDataSize(), "next offset " + h.nextOffset());
            next = h.nextOffset();
        }
    }

    /**
     * Whole HDUs, then any bytes: walks them as {@code stored} stores them (as they are, or
     * compressed), accepting headers as large as theirs, and fails unless the headers of the whole HDUs come out as written, besides the
     * invariants of {@link #walk}. The object's first byte says how many of
     * {@link SeedFiles#sequence()} (1 to all) come first; the rest of it is the tail.
     */
    static void assertHeadersBeforeTailEmitted(WalkInput in, UnaryOperator<byte[]> stored) {
        byte[] object = in.object();
        int k = 1 + (object.length == 0 ? 0 : (object[0] & 0xff) % SeedFiles.sequence().size());
        byte[] tail = object.length == 0 ? object : Arrays.copyOfRange(object, 1, object.length);
        byte[] plain = FitsBytes.concat(SeedFiles.prefix(k), tail);
        List<SeedHdu> whole = SeedFiles.sequence().subList(0, k);
        int largest = whole.stream().mapToInt(h -> h.header().length).max().orElse(0);
        assertPrefix(walk(in.scanner(largest), in.source(stored.apply(plain))), whole);
    }

    /**
     * Fails unless the first {@code expected.size()} headers are the HDUs written: the same header
     * bytes, the same logical cards, the same data size, at the offsets the sizes before them give.
     */
    static void assertPrefix(Outcome outcome, List<SeedHdu> expected) {
        check(outcome.headers().size() >= expected.size(), "expected at least " + expected.size() + " headers before "
                + outcome.error() + ", got " + outcome.headers().size());
        long offset = 0;
        for (int i = 0; i < expected.size(); i++) {
            SeedHdu want = expected.get(i);
            FitsHeader got = outcome.headers().get(i);
            check(got.headerOffset() == offset, "header " + i + " at " + got.headerOffset() + ", written at " + offset);
            check(got.rawBytes().equals(ByteBuffer.wrap(want.header())), "header " + i + " bytes differ from those written");
            check(got.dataSize() == want.dataSize(), "header " + i + " data size " + got.dataSize() + ", written "
                    + want.dataSize());
            List<String> keywords = got.cards().stream().map(FitsCard::keyword).toList();
            check(keywords.equals(want.keywords()), "header " + i + " keywords " + keywords + ", written " + want.keywords());
            offset += want.header().length + FitsBytes.padded(want.dataSize());
        }
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }
}
