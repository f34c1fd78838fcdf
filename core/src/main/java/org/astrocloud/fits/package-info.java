/**
 * Reads the headers of FITS files in object storage with range requests: {@link
 * org.astrocloud.fits.FitsScanner} walks a file from header to header and emits
 * {@link org.astrocloud.fits.FitsHeader}s as a reactive stream.
 */
package org.astrocloud.fits;
