package org.astrocloud.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The SQL metrics of a {@code fitsheaders} scan, summed over its tasks and shown on the scan node
 * of the Spark UI's SQL tab (and in {@code BatchScanExec.metrics()}). Spark makes the metric
 * classes by reflection, so they are public with public no-argument constructors.
 *
 * <pre>{@code
 * // after df.select("uri", "hdu").collect(): cardsBuilt is 0, the header and cards columns were never built
 * }</pre>
 */
public final class FitsHeadersMetrics {
    private FitsHeadersMetrics() {
    }

    /** The metrics a scan reports. */
    static CustomMetric[] all() {
        return new CustomMetric[] {new CardsBuilt(), new FilesScanned(), new FilesFailed(), new Requests(), new BytesRead()};
    }

    /** One task's value of a metric. */
    record TaskValue(String name, long value) implements CustomTaskMetric {
    }

    /** A metric summed over the tasks, by name. */
    public abstract static class Sum extends CustomSumMetric {
        private final String name;
        private final String description;

        Sum(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** Cards converted to Spark values for the {@code header} and {@code cards} columns: 0 when neither is read. */
    public static final class CardsBuilt extends Sum {
        /** The metric's name. */
        public static final String NAME = "cardsBuilt";

        /** Made by Spark. */
        public CardsBuilt() {
            super(NAME, "FITS cards converted for header/cards");
        }
    }

    /** Files scanned (walked to their end or to their failure). */
    public static final class FilesScanned extends Sum {
        /** The metric's name. */
        public static final String NAME = "filesScanned";

        /** Made by Spark. */
        public FilesScanned() {
            super(NAME, "FITS files scanned");
        }
    }

    /** Files that gave an error row, listing failures included. */
    public static final class FilesFailed extends Sum {
        /** The metric's name. */
        public static final String NAME = "filesFailed";

        /** Made by Spark. */
        public FilesFailed() {
            super(NAME, "FITS files failed");
        }
    }

    /** Requests the sources sent. */
    public static final class Requests extends Sum {
        /** The metric's name. */
        public static final String NAME = "requests";

        /** Made by Spark. */
        public Requests() {
            super(NAME, "range requests sent");
        }
    }

    /** Bytes the sources received. */
    public static final class BytesRead extends Sum {
        /** The metric's name. */
        public static final String NAME = "bytesRead";

        /** Made by Spark. */
        public BytesRead() {
            super(NAME, "bytes received");
        }
    }
}
