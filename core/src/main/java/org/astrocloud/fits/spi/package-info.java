/** The service-provider interface for storage: range reads by URI scheme, found with {@link java.util.ServiceLoader}. */
package org.astrocloud.fits.spi;
