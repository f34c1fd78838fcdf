/**
 * Helpers for provider authors, not needed to use a scanner: reading HTTP {@code Content-Range}
 * answers, the counterpart of {@link org.astrocloud.fits.spi.ByteRange#toHttpRange()}, cutting
 * ranges out of an object held whole, streaming a range answer's body with its checks, and
 * matching listed keys against a glob.
 */
package org.astrocloud.fits.spi.support;
