/**
 * An Apache Spark DataSource V2 named {@code fitsheaders}: one row per HDU of FITS files read with
 * range requests from S3, HTTP(S) or local disks ({@link org.astrocloud.spark.FitsHeadersSource}).
 */
package org.astrocloud.spark;
