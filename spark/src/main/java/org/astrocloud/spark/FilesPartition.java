package org.astrocloud.spark;

import java.io.Serializable;
import java.util.ArrayList;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's files: at most {@code filesPerPartition} URIs as listed on the driver, and the names
 * whose listing failed, which the task reports as error rows.
 *
 * @param index the partition's position in the scan
 * @param entries the files, in listing order
 */
record FilesPartition(int index, ArrayList<Entry> entries) implements InputPartition {
    private static final long serialVersionUID = 1L;

    /**
     * A file to scan ({@code errorClass} null) or a name whose listing failed.
     *
     * @param uri the URI to read, unmasked (it may carry a presigned query): never logged, masked in rows
     * @param errorClass the simple name of the listing's error, or null
     * @param errorMessage its message, or null
     */
    record Entry(String uri, String errorClass, String errorMessage) implements Serializable {
        private static final long serialVersionUID = 1L;

        boolean failed() {
            return errorClass != null;
        }
    }

    @Override
    public String toString() {
        return "FilesPartition[" + index + ", " + entries.size() + " files]";
    }
}
