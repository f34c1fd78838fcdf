package org.astrocloud.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * The schema of the {@code fitsheaders} source: one row per HDU, and one row per file that failed.
 *
 * <table>
 * <caption>Columns</caption>
 * <tr><th>column</th><th>type</th><th>what</th></tr>
 * <tr><td>{@code uri}</td><td>string, not null</td><td>the file as listed, its secrets masked
 *     ({@code org.astrocloud.fits.error.Redaction})</td></tr>
 * <tr><td>{@code hdu}</td><td>int</td><td>the HDU's index, 0 for the primary; null on an error row</td></tr>
 * <tr><td>{@code kind}</td><td>string</td><td>{@code PRIMARY}, {@code IMAGE}, {@code BINTABLE}, {@code TABLE},
 *     {@code COMPRESSED_IMAGE}, {@code RANDOM_GROUPS}, {@code OTHER} ({@code org.astrocloud.fits.HduKind})</td></tr>
 * <tr><td>{@code xtension}</td><td>string</td><td>the XTENSION value; null for the primary HDU</td></tr>
 * <tr><td>{@code extname}</td><td>string</td><td>the EXTNAME value, if any</td></tr>
 * <tr><td>{@code header_offset}</td><td>bigint</td><td>where the header starts in the file</td></tr>
 * <tr><td>{@code header_size}</td><td>bigint</td><td>the header's bytes, padding included</td></tr>
 * <tr><td>{@code data_offset}</td><td>bigint</td><td>where the data unit starts</td></tr>
 * <tr><td>{@code data_size}</td><td>bigint</td><td>the data unit's bytes, padding excluded</td></tr>
 * <tr><td>{@code bitpix}</td><td>int</td><td>BITPIX</td></tr>
 * <tr><td>{@code naxis}</td><td>array&lt;bigint&gt;</td><td>NAXIS1..NAXISn, empty when NAXIS = 0</td></tr>
 * <tr><td>{@code header}</td><td>map&lt;string,string&gt;</td><td>keyword to value as text (strings as they
 *     are, logicals {@code T}/{@code F}, numbers as Java prints them, an undefined value null); the first card of a
 *     keyword wins; commentary cards (COMMENT, HISTORY, blank) are only in {@code cards}</td></tr>
 * <tr><td>{@code cards}</td><td>array&lt;struct&lt;keyword,value,comment&gt;&gt;</td><td>every card in order (END excluded),
 *     the value as in {@code header} (the text of a commentary card)</td></tr>
 * <tr><td>{@code data_ref}</td><td>string</td><td>the data unit's {@code org.astrocloud.fits.data.DataReference}
 *     as JSON, URI masked</td></tr>
 * <tr><td>{@code size}</td><td>bigint</td><td>the object's size, when the source learned it</td></tr>
 * <tr><td>{@code etag}</td><td>string</td><td>the object's validator (ETag), when the source gave one</td></tr>
 * <tr><td>{@code error}</td><td>struct&lt;class,message&gt;</td><td>null on an HDU row; on the one error row
 *     of a failed file the typed error's class (simple name) and message</td></tr>
 * </table>
 *
 * <p>A file that fails gives the rows of the HDUs read before the failure (with {@code error} null)
 * and then one error row ({@code hdu} and the HDU columns null, {@code uri}, {@code size},
 * {@code etag} and {@code error} set). A missing file is one error row. The job never fails for a
 * file; {@code where error is null} keeps the HDUs, {@code where error is not null} lists the
 * failures.
 *
 * <pre>{@code
 * spark.read().format("fitsheaders").load("s3://bucket/sector22/").printSchema();
 * }</pre>
 */
public final class FitsHeadersSchema {
    /** The card struct of {@code cards}. */
    private static final StructType CARD = new StructType()
            .add("keyword", DataTypes.StringType, false)
            .add("value", DataTypes.StringType, true)
            .add("comment", DataTypes.StringType, true);

    private static final StructType ERROR = new StructType()
            .add("class", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, true);

    private static final StructType SCHEMA = new StructType()
            .add("uri", DataTypes.StringType, false)
            .add("hdu", DataTypes.IntegerType, true)
            .add("kind", DataTypes.StringType, true)
            .add("xtension", DataTypes.StringType, true)
            .add("extname", DataTypes.StringType, true)
            .add("header_offset", DataTypes.LongType, true)
            .add("header_size", DataTypes.LongType, true)
            .add("data_offset", DataTypes.LongType, true)
            .add("data_size", DataTypes.LongType, true)
            .add("bitpix", DataTypes.IntegerType, true)
            .add("naxis", new ArrayType(DataTypes.LongType, false), true)
            .add("header", new MapType(DataTypes.StringType, DataTypes.StringType, true), true)
            .add("cards", new ArrayType(CARD, false), true)
            .add("data_ref", DataTypes.StringType, true)
            .add("size", DataTypes.LongType, true)
            .add("etag", DataTypes.StringType, true)
            .add("error", ERROR, true);

    private FitsHeadersSchema() {
    }

    /** The full schema, in column order. */
    public static StructType schema() {
        return SCHEMA;
    }
}
