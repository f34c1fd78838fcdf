/** The {@link org.astrocloud.fits.spi.ByteRangeSource} contract as JUnit Jupiter tests, for the authors of source providers. */
package org.astrocloud.fits.spi.test;
