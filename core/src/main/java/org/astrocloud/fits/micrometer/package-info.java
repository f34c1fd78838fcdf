/** The optional Micrometer adapter: a {@link org.astrocloud.fits.ScanListener} that records meters. */
package org.astrocloud.fits.micrometer;
