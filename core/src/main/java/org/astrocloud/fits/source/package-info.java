/** The sources built into core: local files ({@code file:}) and bytes in memory. */
package org.astrocloud.fits.source;
