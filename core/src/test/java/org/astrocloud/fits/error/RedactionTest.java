package org.astrocloud.fits.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The one rule: user info and the values of signature, credential and token parameters are masked; nothing else changes. */
class RedactionTest {

    @Test
    void userInfoOfAServerAuthorityShouldBeMasked() {
        assertEquals("https://****@h:8443/x.fits", Redaction.redact(URI.create("https://reader:pw@h:8443/x.fits")));
    }

    @Test
    void userInfoOfAnAuthorityThatIsNoHostShouldBeMaskedToo() {
        URI registry = URI.create("http://reader:pw@exa%20mple/x.fits");
        assertNull(registry.getRawUserInfo(), "java.net.URI sees no user info in a registry-based authority");
        assertEquals("http://****@exa%20mple/x.fits", Redaction.redact(registry));
    }

    @Test
    void secretQueryValuesShouldBeMaskedAndTheRestKept() {
        assertEquals("https://b.s3.amazonaws.com/k?X-Amz-Credential=****&X-Amz-Date=20261203T000000Z&X-Amz-Signature=****"
                        + "&sv=2024&sig=****#f",
                Redaction.redact(URI.create("https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F1&X-Amz-Date=20261203T000000Z"
                        + "&X-Amz-Signature=abc&sv=2024&sig=xyz#f")));
    }

    @Test
    void aUriWithoutSecretsShouldBeUnchanged() {
        assertEquals("s3://bucket/tess/x.fits", Redaction.redact(URI.create("s3://bucket/tess/x.fits")));
    }
}
