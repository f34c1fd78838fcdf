/**
 * Helpers for provider authors, not needed to use a scanner: reading HTTP {@code Content-Range}
 * answers, the counterpart of {@link org.astrocloud.fits.spi.ByteRange#toHttpRange()}, cutting
 * ranges out of an object held whole, and streaming a range answer's body with its checks.
 */
package org.astrocloud.fits.spi.support;
