/**
 * TESS products made from the SPOC FFI cubes in object storage: {@link org.astrocloud.fits.tess.TessCutout}
 * cuts a box of pixels out of every frame of a cube with one round of range reads and writes it as
 * a target-pixel file like those of TESScut and astrocut; {@link org.astrocloud.fits.tess.TessCubeCatalog}
 * catalogues a cube's FFIs (their extension-1 headers) from its frame table in one read.
 */
package org.astrocloud.fits.tess;
