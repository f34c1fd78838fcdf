/** Google Cloud Storage sources: {@code gs://} objects read with ranged GETs, prefixes and globs listed. */
package org.astrocloud.gcs;
