package org.astrocloud.fits.data;

import java.io.Serializable;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.HduKind;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.spi.ByteRange;

/**
 * Where one HDU's data unit lies and how to read it, as an immutable, serialisable document: the
 * role of a <em>datum</em> in ophyd/databroker. It is taken from a {@link FitsHeader} without any
 * read, travels as JSON ({@link #toJson}) or Java serialisation, and is turned back into values
 * by a {@link FitsDataReader}, later and elsewhere.
 *
 * <pre>{@code
 * FitsHeader cube = scanner.scan(uri).elementAt(1).block();
 * DataReference ref = DataReference.of(cube);
 * ref.numpyShape();     // [2078, 2136, 1248, 2]
 * ref.elementType();    // FLOAT32
 * String json = ref.toJson();
 * DataReference again = DataReference.fromJson(json);
 * }</pre>
 *
 * <p>Offsets are bytes from the start of the object, of its decompressed stream when
 * {@link #compression()} is {@code gzip}: reading a gzip file's data means decompressing it from
 * its start (see {@link FitsDataReader}).
 */
public final class DataReference implements Serializable {
    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final int hdu;
    private final HduKind kind;
    private final long offset;
    private final long size;
    private final String compression;
    private final String validator;
    private final int bitpix;
    private final long[] axes;
    private final double bzero;
    private final double bscale;
    private final Long blank;
    private final long heapOffset;
    private final long heapSize;
    private final List<TableColumn> columns;

    DataReference(URI uri, int hdu, HduKind kind, long offset, long size, String compression, String validator,
                  int bitpix, long[] axes, double bzero, double bscale, Long blank, long heapOffset, long heapSize,
                  List<TableColumn> columns) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.hdu = hdu;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.offset = offset;
        this.size = size;
        this.compression = compression;
        this.validator = validator;
        this.bitpix = bitpix;
        this.axes = axes.clone();
        this.bzero = bzero;
        this.bscale = bscale;
        this.blank = blank;
        this.heapOffset = heapOffset;
        this.heapSize = heapSize;
        this.columns = List.copyOf(columns);
        if (offset < 0 || size < 0) {
            throw new IllegalArgumentException("offset " + offset + " and size " + size + " must not be negative");
        }
    }

    /** The reference to {@code header}'s data unit, from its structural and scaling keywords. */
    public static DataReference of(FitsHeader header) {
        HduKind kind = header.kind();
        long[] axes = header.naxis().stream().mapToLong(Long::longValue).toArray();
        boolean table = kind == HduKind.BINTABLE || kind == HduKind.TABLE || kind == HduKind.COMPRESSED_IMAGE;
        List<TableColumn> columns = table ? TableColumns.of(header, kind == HduKind.TABLE) : List.of();
        long rowsBytes = table && axes.length == 2 ? axes[0] * axes[1] : 0;
        long heapOffset = table ? header.longValue("THEAP").orElse(rowsBytes) : 0;
        long heapSize = table ? Math.max(0, header.pcount() - (heapOffset - rowsBytes)) : 0;
        boolean image = !table && kind != HduKind.OTHER;
        return new DataReference(header.uri(), header.index(), kind, header.dataOffset(), header.dataSize(),
                header.compression().orElse(null), header.validator().orElse(null), header.bitpix(), axes,
                image ? header.doubleValue("BZERO").orElse(0) : 0, image ? header.doubleValue("BSCALE").orElse(1) : 1,
                image && header.bitpix() > 0 && header.longValue("BLANK").isPresent()
                        ? header.longValue("BLANK").getAsLong() : null,
                heapOffset, heapSize, columns);
    }

    /** The object (after the scanner's root map). */
    public URI uri() {
        return uri;
    }

    /** The HDU's index, 0 for the primary. */
    public int hdu() {
        return hdu;
    }

    /** What the HDU holds. */
    public HduKind kind() {
        return kind;
    }

    /** Where the data unit starts. */
    public long offset() {
        return offset;
    }

    /** The data unit's size without padding. */
    public long size() {
        return size;
    }

    /** The data unit's bytes, or empty when it has none. */
    public Optional<ByteRange> range() {
        return size == 0 ? Optional.empty() : Optional.of(ByteRange.of(offset, size));
    }

    /** {@code gzip} when the object is a gzip stream and the offsets are in its decompressed bytes. */
    public Optional<String> compression() {
        return Optional.ofNullable(compression);
    }

    /** The object's validator (ETag) from the walk that made this reference, when the source gave one. */
    public Optional<String> validator() {
        return Optional.ofNullable(validator);
    }

    /** BITPIX. */
    public int bitpix() {
        return bitpix;
    }

    /** The type of an image's values; empty for tables and other extensions. */
    public Optional<ElementType> elementType() {
        return isImage() ? Optional.of(ElementType.fromBitpix(bitpix)) : Optional.empty();
    }

    /** True for the primary HDU and IMAGE extensions (not random groups). */
    public boolean isImage() {
        return kind == HduKind.PRIMARY || kind == HduKind.IMAGE;
    }

    /** True for binary and ASCII tables (a tile-compressed image is a binary table too). */
    public boolean isTable() {
        return kind == HduKind.BINTABLE || kind == HduKind.TABLE || kind == HduKind.COMPRESSED_IMAGE;
    }

    /** NAXIS1..NAXISn, fastest-varying first, as the header gives them. */
    public long[] fitsShape() {
        return axes.clone();
    }

    /** The shape in numpy (C) order, slowest-varying first: {@code fitsShape} reversed. */
    public long[] numpyShape() {
        long[] shape = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            shape[i] = axes[axes.length - 1 - i];
        }
        return shape;
    }

    /** BZERO of an image, 0 when absent. */
    public double bzero() {
        return bzero;
    }

    /** BSCALE of an image, 1 when absent. */
    public double bscale() {
        return bscale;
    }

    /** BLANK of an integer image, when given. */
    public OptionalLong blank() {
        return blank == null ? OptionalLong.empty() : OptionalLong.of(blank);
    }

    /** True when BZERO or BSCALE change an image's stored values. */
    public boolean isScaled() {
        return bzero != 0 || bscale != 1;
    }

    /** A table's row count (NAXIS2); 0 for other HDUs. */
    public long rows() {
        return isTable() && axes.length == 2 ? axes[1] : 0;
    }

    /** A table's row length in bytes (NAXIS1); 0 for other HDUs. */
    public long rowLength() {
        return isTable() && axes.length == 2 ? axes[0] : 0;
    }

    /** Where a binary table's heap starts, from the start of the data unit ({@code THEAP}); 0 when none. */
    public long heapOffset() {
        return heapOffset;
    }

    /** The heap's size in bytes (what of {@code PCOUNT} follows {@code THEAP}). */
    public long heapSize() {
        return heapSize;
    }

    /** A table's columns, in order; empty for other HDUs. */
    public List<TableColumn> columns() {
        return columns;
    }

    /** The column named {@code name} (as {@code TTYPEn}, case-insensitive, blanks trimmed). */
    public Optional<TableColumn> column(String name) {
        String wanted = name.strip();
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(wanted)).findFirst();
    }

    /** A copy pointing at {@code uri}: the same bytes in another place (a mirror, a local copy). */
    public DataReference withUri(URI uri) {
        return new DataReference(uri, hdu, kind, offset, size, compression, validator, bitpix, axes, bzero, bscale,
                blank, heapOffset, heapSize, columns);
    }

    /** The JSON document, with the URI's secrets redacted ({@link Redaction}). */
    public String toJson() {
        return DataReferenceJson.write(this, true);
    }

    /**
     * The JSON document; with {@code redact} false the URI is written exactly, secrets and all (for a
     * store you trust, so that the reference can be read back).
     */
    public String toJson(boolean redact) {
        return DataReferenceJson.write(this, redact);
    }

    /** The reference {@link #toJson} wrote. */
    public static DataReference fromJson(String json) {
        return DataReferenceJson.read(json);
    }

    Long blankOrNull() {
        return blank;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataReference d && uri.equals(d.uri) && hdu == d.hdu && kind == d.kind
                && offset == d.offset && size == d.size && Objects.equals(compression, d.compression)
                && Objects.equals(validator, d.validator) && bitpix == d.bitpix && Arrays.equals(axes, d.axes)
                && Double.compare(bzero, d.bzero) == 0 && Double.compare(bscale, d.bscale) == 0
                && Objects.equals(blank, d.blank) && heapOffset == d.heapOffset && heapSize == d.heapSize
                && columns.equals(d.columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, hdu, offset, size, Arrays.hashCode(axes));
    }

    @Override
    public String toString() {
        return "DataReference[" + Redaction.redact(uri) + " #" + hdu + " " + kind + " at " + offset + ", " + size
                + " bytes, BITPIX " + bitpix + ", shape " + Arrays.toString(numpyShape()) + "]";
    }
}
