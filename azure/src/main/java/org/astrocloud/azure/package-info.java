/** An Azure Blob Storage source: {@code az://container/blob} and {@code *.blob.core.windows.net} URLs, read by range and listed. */
package org.astrocloud.azure;
