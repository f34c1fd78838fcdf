/**
 * Helpers for provider authors, not needed to use a scanner: reading HTTP {@code Content-Range}
 * answers, the counterpart of {@link org.astrocloud.fits.spi.ByteRange#toHttpRange()}.
 */
package org.astrocloud.fits.spi.support;
