package org.astrocloud.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code fitsheaders} Spark data source: one row per HDU of every FITS file named, read with
 * range requests (two per TESS cube) by {@link org.astrocloud.fits.FitsScanner}; the schema is
 * {@link FitsHeadersSchema}. Several paths, URIs, S3 prefixes and globs may be given; they are
 * listed on the driver, grouped into tasks of {@code filesPerPartition} files, and each task scans
 * its files {@code concurrency} at a time. A file that fails is an error row, never a failed job.
 *
 * <pre>{@code
 * Dataset<Row> hdus = spark.read().format("fitsheaders")
 *         .option("s3.anonymous", "true")
 *         .option("concurrency", "32")
 *         .load("s3://stpubdata/tess/public/mast/tess-s0022-*-cube.fits", "https://archive.example.org/ffi.fits");
 * hdus.where("error is null and hdu = 1").selectExpr("uri", "header['CAMERA']", "naxis").show();
 * }</pre>
 *
 * <table>
 * <caption>Options (keys are case-insensitive)</caption>
 * <tr><th>option</th><th>default</th><th>what</th></tr>
 * <tr><td>{@code uriList} (or {@code uris-from})</td><td>none</td><td>a local file on the driver with one URI,
 *     path or glob per line (blank lines and {@code #} comments skipped), read after the paths of {@code load}</td></tr>
 * <tr><td>{@code filesPerPartition}</td><td>64</td><td>files per Spark task</td></tr>
 * <tr><td>{@code concurrency}</td><td>min(filesPerPartition, 64)</td><td>files a task scans at once</td></tr>
 * <tr><td>{@code readAhead}</td><td>65536</td><td>bytes of the first read of a header (at least 2880)</td></tr>
 * <tr><td>{@code maxHeaderSize}</td><td>8 MiB</td><td>a larger header fails its file</td></tr>
 * <tr><td>{@code fileTimeout}</td><td>60s</td><td>the longest one file may take ({@code 500ms}, {@code 30s}, {@code PT1M})</td></tr>
 * <tr><td>{@code rootMap}</td><td>none</td><td>{@code FROM=TO} prefix rewrites, several separated by blanks
 *     ({@link org.astrocloud.fits.RootMap}, as {@code fits-scan --root-map})</td></tr>
 * <tr><td>{@code s3.anonymous}</td><td>false</td><td>unsigned S3 requests (public buckets)</td></tr>
 * <tr><td>{@code s3.endpoint}, {@code s3.region}, {@code s3.pathStyle}, {@code s3.requesterPays},
 *     {@code s3.credentials}, {@code s3.profile}, {@code s3.maxConcurrency}, {@code s3.connectTimeout},
 *     {@code s3.readTimeout}</td><td>the SDK's</td><td>{@code org.astrocloud.s3.S3Options}</td></tr>
 * <tr><td>{@code http.*}: {@code http.bearerToken} and {@code http.basicAuth} (sensitive), {@code http.headers}
 *     (sensitive; {@code Name: value} lines), {@code http.connectTimeout}, {@code http.readTimeout},
 *     {@code http.requestTimeout}, {@code http.maxConnectionsPerHost}, {@code http.maxRedirects}, {@code http.http2},
 *     {@code http.smallObjectLimit}, {@code http.trustAllCertificates}</td><td>see HttpOptions</td>
 *     <td>{@code org.astrocloud.http.HttpOptions}</td></tr>
 * <tr><td>{@code retry.maxRetries}, {@code retry.backoff}, {@code retry.maxBackoff}</td><td>see RetryOptions</td>
 *     <td>retries of transient failures, every source ({@code org.astrocloud.fits.spi.RetryOptions})</td></tr>
 * </table>
 *
 * <p>The tasks of one executor share one source registry ({@code SharedSources}: connection
 * pools, event loops, S3 clients, released 2 s after its last task closed), so
 * {@code http.maxConnectionsPerHost} limits an executor, not a task: set it to tasks per executor
 * times {@code concurrency}.
 *
 * <p>An unknown {@code http.}, {@code s3.} or {@code retry.} key fails the query on the driver.
 * Sensitive values never appear in {@code explain()}, logs or messages.
 *
 * <p>Pushed down: the columns read (the {@code header} and {@code cards} columns are built only
 * when read; the {@code cardsBuilt} metric counts their cards, {@link FitsHeadersMetrics}), and the
 * filters {@code uri = / IN / LIKE 'prefix%'} (applied on the driver: other files are not scanned),
 * {@code hdu = / IN / < / <= / > / >=} and {@code kind = / IN} (applied in the reader, before a row
 * is built); each is exact, so Spark does not evaluate it again.
 */
public final class FitsHeadersSource implements TableProvider, DataSourceRegister {

    /** Made by Spark, found through {@code META-INF/services} by its short name. */
    public FitsHeadersSource() {
    }

    /** {@code fitsheaders}. */
    @Override
    public String shortName() {
        return "fitsheaders";
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return FitsHeadersSchema.schema();
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new FitsHeadersTable();
    }
}
