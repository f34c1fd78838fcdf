package org.astrocloud.fits;

import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.internal.FitsBlocks;
import org.astrocloud.fits.catalog.StoredHeader;
import org.astrocloud.fits.internal.walk.HeaderAssembler;
import org.astrocloud.fits.internal.walk.HeaderStructure;
import org.astrocloud.fits.internal.walk.HeaderUnit;
import org.astrocloud.fits.internal.cards.NomTamCards;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One HDU's header and where its parts lie in the file: an immutable document.
 *
 * <p>The layout ({@link #headerOffset()}, {@link #dataOffset()}, {@link #dataSize()},
 * {@link #paddedDataSize()}) is computed from the structural keywords exactly as the FITS
 * standard defines it, and is what the file holds: {@link HeaderTransform}s change the cards, never
 * the layout. The cards are parsed on first use.
 *
 * <pre>{@code
 * FitsScanner.create().scan(URI.create("file:/data/tess-s0022-1-1-cube.fits"))
 *     .filter(h -> h.kind() == HduKind.IMAGE)
 *     .subscribe(h -> log.info("{} at {}", h.naxis(), h.dataOffset()));
 * }</pre>
 */
public final class FitsHeader {
    private final URI uri;
    private final int index;
    private final HeaderStructure structure;
    private final long headerOffset;
    private final long headerSize;
    private final long dataSize;
    private final long paddedDataSize;
    private final String compression;
    private final byte[] bytes;
    private final int cardCount;
    private final String validator;
    private volatile List<FitsCard> cards;
    /** The first card of each keyword, built on the first lookup: a table header is looked up ~10 times per column. */
    private volatile Map<String, FitsCard> firstCards;

    /** The header the walk found, as the API shows it (before any transform). */
    static FitsHeader of(HeaderUnit unit) {
        return new FitsHeader(unit.uri(), unit.index(), unit.structure(), unit.headerOffset(), unit.bytes().length,
                unit.dataSize(), unit.paddedDataSize(), unit.compression(), unit.bytes(), unit.structure().cardCount(),
                null, unit.validator());
    }

    /**
     * The header a catalog stored, parsed again: the same layout, cards and bytes as when it was
     * scanned.
     *
     * @param uri the object
     * @param stored the stored header
     * @param compression {@code gzip} when the offsets are in a decompressed stream, else null
     * @param validator the object's ETag when it was scanned, or null
     * @throws org.astrocloud.fits.error.FitsFormatException bytes that are not a header
     */
    public static FitsHeader fromStored(URI uri, StoredHeader stored, String compression, String validator) {
        HeaderUnit unit = HeaderAssembler.parse(stored.bytes(), uri, stored.index(), stored.headerOffset(), compression);
        return of(unit.withValidator(validator));
    }

    /** This header as a catalog stores it: index, offset and the bytes as they stand. */
    public StoredHeader toStored() {
        return new StoredHeader(index, headerOffset, bytes);
    }

    FitsHeader(URI uri, int index, HeaderStructure structure, long headerOffset, long headerSize,
               long dataSize, long paddedDataSize, String compression, byte[] bytes, int cardCount,
               List<FitsCard> cards, String validator) {
        this.uri = uri;
        this.index = index;
        this.structure = structure;
        this.headerOffset = headerOffset;
        this.headerSize = headerSize;
        this.dataSize = dataSize;
        this.paddedDataSize = paddedDataSize;
        this.compression = compression;
        this.bytes = bytes;
        this.cardCount = cardCount;
        this.cards = cards;
        this.validator = validator;
    }

    /** The object this header was read from (after any {@link RootMap} rewrite). */
    public URI uri() {
        return uri;
    }

    /** The HDU's index: 0 for the primary HDU. */
    public int index() {
        return index;
    }

    /** What the HDU holds. */
    public HduKind kind() {
        if (structure.isPrimary()) {
            return structure.isRandomGroups() ? HduKind.RANDOM_GROUPS : HduKind.PRIMARY;
        }
        return switch (structure.xtension()) {
            case "IMAGE", "IUEIMAGE" -> HduKind.IMAGE;
            case "BINTABLE", "A3DTABLE" -> structure.zimage() ? HduKind.COMPRESSED_IMAGE : HduKind.BINTABLE;
            case "TABLE" -> HduKind.TABLE;
            default -> HduKind.OTHER;
        };
    }

    /** The XTENSION value without trailing blanks; empty for the primary HDU. */
    public Optional<String> xtension() {
        return Optional.ofNullable(structure.xtension());
    }

    /** False only for a primary header with {@code SIMPLE = F}: the file says it does not fully conform. */
    public boolean isConforming() {
        return structure.conforming();
    }

    /** Where the header starts, in bytes from the start of the file (of the decompressed stream for gzip). */
    public long headerOffset() {
        return headerOffset;
    }

    /** The header's size in bytes, a multiple of 2880. */
    public long headerSize() {
        return headerSize;
    }

    /** Where the data unit starts. */
    public long dataOffset() {
        return headerOffset + headerSize;
    }

    /** The data unit's size without padding: {@code |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1*...*NAXISn)}. */
    public long dataSize() {
        return dataSize;
    }

    /** The data unit's size padded to a multiple of 2880: the distance to the next header. */
    public long paddedDataSize() {
        return paddedDataSize;
    }

    /** Where the next HDU would start. */
    public long nextOffset() {
        return dataOffset() + paddedDataSize;
    }

    /**
     * The object's validator (its ETag) as the source gave it with the bytes of this walk, when it
     * gave one: what a later read can pin the object with.
     */
    public Optional<String> validator() {
        return Optional.ofNullable(validator);
    }

    /** BITPIX. */
    public int bitpix() {
        return structure.bitpix();
    }

    /** NAXIS1..NAXISn; empty when NAXIS = 0. */
    public List<Long> naxis() {
        long[] axes = structure.naxis();
        Long[] boxed = new Long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            boxed[i] = axes[i];
        }
        return List.of(boxed);
    }

    /** PCOUNT (0 when absent). */
    public long pcount() {
        return structure.pcount();
    }

    /** GCOUNT (1 when absent). */
    public long gcount() {
        return structure.gcount();
    }

    /** The compression the file came in ({@code "gzip"}), if it was compressed as a whole. */
    public Optional<String> compression() {
        return Optional.ofNullable(compression);
    }

    /** Every 80-character card before END: COMMENT, HISTORY, blank, each CONTINUE, each HIERARCH. */
    public int cardCount() {
        return cardCount;
    }

    /** The cards in order, END excluded, each long string (CONTINUE) as one card. */
    public List<FitsCard> cards() {
        List<FitsCard> c = cards;
        if (c == null) {
            c = NomTamCards.parse(bytes, cardCount).stream().map(FitsCard::from).toList();
            cards = c;
        }
        return c;
    }

    /** The first card with {@code keyword} (case-insensitive; a HIERARCH prefix is ignored). */
    public Optional<FitsCard> card(String keyword) {
        Map<String, FitsCard> first = firstCards;
        if (first == null) {
            Map<String, FitsCard> built = new HashMap<>();
            for (FitsCard c : cards()) {
                built.putIfAbsent(c.keyword(), c);
            }
            first = built;
            firstCards = first;
        }
        return Optional.ofNullable(first.get(normalize(keyword)));
    }

    /** Every card with {@code keyword}, in order (COMMENT and HISTORY repeat). */
    public List<FitsCard> cards(String keyword) {
        String key = normalize(keyword);
        return cards().stream().filter(c -> c.keyword().equals(key)).toList();
    }

    /** The string value of {@code keyword}, if present and a string. */
    public Optional<String> stringValue(String keyword) {
        return card(keyword).flatMap(FitsCard::stringValue);
    }

    /** The integer value of {@code keyword}, if present and an integer. */
    public OptionalLong longValue(String keyword) {
        return card(keyword).map(FitsCard::longValue).orElse(OptionalLong.empty());
    }

    /** The numeric value of {@code keyword}, if present and a number. */
    public OptionalDouble doubleValue(String keyword) {
        return card(keyword).map(FitsCard::doubleValue).orElse(OptionalDouble.empty());
    }

    /** The logical value of {@code keyword}, if present and a logical. */
    public Optional<Boolean> booleanValue(String keyword) {
        return card(keyword).flatMap(FitsCard::booleanValue);
    }

    /** The header as it stands in the file (after a transform: as re-rendered), END and padding included; read-only. */
    public ByteBuffer rawBytes() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * A copy with these cards in place of the current ones; the layout is unchanged. Used by
     * {@link HeaderTransform}s.
     */
    public FitsHeader withCards(List<FitsCard> newCards) {
        List<FitsCard> copy = List.copyOf(newCards);
        String images = copy.stream().map(FitsCard::image).collect(Collectors.joining());
        int physical = images.length() / FitsBlocks.CARD_SIZE;
        String text = images + String.format(Locale.ROOT, "%-80s", "END");
        byte[] rendered = Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1),
                (int) FitsBlocks.padded(text.length()));
        Arrays.fill(rendered, text.length(), rendered.length, (byte) ' ');
        return new FitsHeader(uri, index, structure, headerOffset, headerSize, dataSize, paddedDataSize,
                compression, rendered, physical, copy, validator);
    }

    /** A copy whose first card with {@code card}'s keyword is replaced by it, or with it appended. */
    public FitsHeader withCard(FitsCard card) {
        List<FitsCard> current = cards();
        int at = -1;
        for (int i = 0; i < current.size() && at < 0; i++) {
            if (current.get(i).keyword().equals(card.keyword())) {
                at = i;
            }
        }
        List<FitsCard> copy = new java.util.ArrayList<>(current);
        if (at < 0) {
            copy.add(card);
        } else {
            copy.set(at, card);
        }
        return withCards(copy);
    }

    /** A copy without any card named {@code keyword}. */
    public FitsHeader withoutCard(String keyword) {
        String key = normalize(keyword);
        return withCards(cards().stream().filter(c -> !c.keyword().equals(key)).toList());
    }

    private static String normalize(String keyword) {
        String k = keyword.strip().toUpperCase(Locale.ROOT);
        return k.startsWith("HIERARCH ") ? k.substring(9).strip() : k;
    }

    @Override
    public String toString() {
        return "FitsHeader[" + Redaction.redact(uri) + " #" + index + " " + kind() + " naxis=" + naxis()
                + " header=" + headerOffset + "+" + headerSize + " data=" + dataOffset() + "+" + dataSize + "]";
    }
}
