package org.astrocloud.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Listed objects' URIs: formed for every valid bucket name, and read back to the same bucket and object. */
class GcsLocationTest {
    @Test
    void listedObjectsOfBucketsThatAreNoHostNamesShouldFormUrisThatParseBack() {
        // underscores and a last label starting with a digit are valid in bucket names, not in host names
        for (String bucket : new String[] {"my_bucket", "archive.1a", "tess"}) {
            GcsLocation l = GcsLocation.parse(URI.create("gs://" + bucket + "/a.fits")).orElseThrow();
            URI listed = l.withObject("dir/x y+%#?é.fits");
            assertEquals("gs://" + bucket + "/dir/x%20y%2B%25%23%3F%C3%A9.fits", listed.toString());
            GcsLocation back = GcsLocation.parse(listed).orElseThrow();
            assertEquals(bucket, back.bucket());
            assertEquals("dir/x y+%#?é.fits", back.object());
        }
        GcsLocation https = GcsLocation.parse(URI.create("https://storage.googleapis.com/my_bucket/a.fits")).orElseThrow();
        assertEquals("https://storage.googleapis.com/my_bucket/b%20c.fits", https.withObject("b c.fits").toString());
    }
}
