package org.astrocloud.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.support.Glob;
import org.junit.jupiter.api.Test;

/**
 * Parsing of {@code s3://} URIs and AWS's https forms, the provider's specificity against the
 * plain HTTP source, and glob matching. No I/O.
 */
class S3LocationTest {
    private static final S3ByteRangeSourceProvider PROVIDER = new S3ByteRangeSourceProvider();

    private static S3Location parse(String uri) {
        return S3Location.parse(URI.create(uri)).orElseThrow(() -> new AssertionError("not parsed: " + uri));
    }

    private static void assertLocation(String uri, String bucket, String key, String region) {
        assertEquals(new S3Location(bucket, key, region), parse(uri), uri);
    }

    @Test
    void s3UriShouldGiveBucketAndKeyWithoutRegion() {
        assertLocation("s3://bucket/key", "bucket", "key", null);
        assertLocation("s3://stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits",
                "stpubdata", "tess/public/mast/tess-s0022-4-4-cube.fits", null);
        assertLocation("S3://bucket/a/b/c.fits", "bucket", "a/b/c.fits", null);
        assertLocation("s3://bucket", "bucket", "", null);
        assertLocation("s3://bucket/", "bucket", "", null);
        assertLocation("s3://bucket/dir/", "bucket", "dir/", null);
        assertLocation("s3://bucket/key?versionId=3", "bucket", "key", null);
    }

    @Test
    void s3UriWithoutBucketShouldNotParse() {
        assertEquals(Optional.empty(), S3Location.parse(URI.create("s3:///key")));
        assertEquals(Optional.empty(), S3Location.parse(URI.create("s3:key")));
    }

    @Test
    void s3UriWithoutBucketShouldNotOpenAndSayWhy() {
        ByteRangeSources sources = ByteRangeSources.installed();
        InvalidUriException noBucket = assertThrows(InvalidUriException.class,
                () -> sources.get(URI.create("s3:///key.fits"), SourceOptions.empty()));
        assertTrue(noBucket.getMessage().contains("a source reads scheme 's3' but not this URI's form (no host or bucket"),
                noBucket.getMessage());
        assertThrows(InvalidUriException.class, () -> sources.get(URI.create("s3:key.fits"), SourceOptions.empty()));
    }

    @Test
    void pathStyleHttpsFormsShouldGiveBucketKeyAndRegion() {
        assertLocation("https://s3.us-east-1.amazonaws.com/stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits",
                "stpubdata", "tess/public/mast/tess-s0022-4-4-cube.fits", "us-east-1");
        assertLocation("https://s3.amazonaws.com/bucket/key", "bucket", "key", null);
        assertLocation("https://s3-us-west-2.amazonaws.com/b/k", "b", "k", "us-west-2");
        assertLocation("https://s3.dualstack.eu-central-1.amazonaws.com/b/dir/k.fits", "b", "dir/k.fits",
                "eu-central-1");
        assertLocation("http://s3.us-east-2.amazonaws.com/b/k", "b", "k", "us-east-2");
        assertLocation("https://S3.US-WEST-1.AMAZONAWS.COM/b/k", "b", "k", "us-west-1");
        assertLocation("https://s3.amazonaws.com/bucket", "bucket", "", null);
        assertLocation("https://s3.amazonaws.com/bucket/", "bucket", "", null);
        assertEquals(Optional.empty(), S3Location.parse(URI.create("https://s3.amazonaws.com/")),
                "no bucket in the path");
        assertEquals(Optional.empty(), S3Location.parse(URI.create("https://s3.amazonaws.com")));
    }

    @Test
    void virtualHostedHttpsFormsShouldGiveBucketKeyAndRegion() {
        assertLocation("https://bucket.s3.eu-west-1.amazonaws.com/key", "bucket", "key", "eu-west-1");
        assertLocation("https://bucket.s3.amazonaws.com/a/b.fits", "bucket", "a/b.fits", null);
        assertLocation("https://bucket.s3-ap-southeast-2.amazonaws.com/k", "bucket", "k", "ap-southeast-2");
        assertLocation("https://stpubdata.s3.dualstack.us-east-1.amazonaws.com/tess/x.fits", "stpubdata",
                "tess/x.fits", "us-east-1");
        assertLocation("https://bucket.s3.amazonaws.com/", "bucket", "", null);
    }

    @Test
    void dottedBucketNamesShouldBeKeptWhole() {
        assertLocation("s3://my.dotted.bucket/a/b.fits", "my.dotted.bucket", "a/b.fits", null);
        assertLocation("https://s3.us-west-2.amazonaws.com/my.dotted.bucket/a/b.fits", "my.dotted.bucket",
                "a/b.fits", "us-west-2");
        assertLocation("https://my.dotted.bucket.s3.us-west-2.amazonaws.com/a/b.fits", "my.dotted.bucket",
                "a/b.fits", "us-west-2");
        assertLocation("https://my.dotted.bucket.s3.amazonaws.com/k", "my.dotted.bucket", "k", null);
        // a legacy bucket name with an underscore is not a valid host name, but still an s3:// authority
        assertLocation("s3://legacy_bucket/k", "legacy_bucket", "k", null);
    }

    @Test
    void percentEncodedKeysShouldBeDecoded() {
        assertLocation("s3://bucket/a%20b/c%2Bd.fits", "bucket", "a b/c+d.fits", null);
        assertLocation("https://bucket.s3.amazonaws.com/tess/a%20b%25.fits", "bucket", "tess/a b%.fits", null);
        assertLocation("https://s3.us-east-1.amazonaws.com/bucket/x%3Fy%23z.fits", "bucket", "x?y#z.fits",
                "us-east-1");
        assertLocation("s3://bucket/c+d.fits", "bucket", "c+d.fits", null);
    }

    @Test
    void listedKeysShouldRoundTripThroughTheirUri() {
        S3Location at = parse("s3://bucket/x");
        for (String key : List.of("plain.fits", "dir/sub/f.fits", "a b.fits", "100%.fits", "q?x#y.fits",
                "plus+sign.fits", "unicode-\u00e9t\u00e9.fits", "brackets[1].fits")) {
            URI uri = at.withKey(key);
            assertEquals("s3", uri.getScheme(), uri.toString());
            assertEquals("bucket", uri.getAuthority(), uri.toString());
            assertEquals(new S3Location("bucket", key, null), S3Location.parse(uri).orElseThrow(), uri.toString());
        }
        assertEquals(URI.create("s3://bucket/a%20b.fits"), at.withKey("a b.fits"));
    }

    @Test
    void nonS3UrlsShouldNotParse() {
        for (String uri : List.of("https://example.org/x.fits", "https://archive.stsci.edu/tess/x.fits",
                "https://amazonaws.com/b/k", "https://s3.example.org/b/k", "https://bucket.s3.example.com/k",
                "https://s3.amazonaws.com.evil.org/b/k", "ftp://s3.amazonaws.com/b/k", "file:/data/x.fits",
                "gs://bucket/key", "x.fits")) {
            assertEquals(Optional.empty(), S3Location.parse(URI.create(uri)), uri);
        }
    }

    @Test
    void specificityShouldPreferS3ForAwsHttpsForms() {
        for (String uri : List.of(
                "https://s3.us-east-1.amazonaws.com/stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits",
                "https://s3.amazonaws.com/bucket/key", "https://s3-us-west-2.amazonaws.com/b/k",
                "https://bucket.s3.eu-west-1.amazonaws.com/key", "https://bucket.s3.amazonaws.com/a/b.fits")) {
            int s = PROVIDER.specificity(URI.create(uri));
            assertTrue(s > 1, uri + " -> " + s + ": must beat a plain https provider (1)");
        }
        assertEquals(1, PROVIDER.specificity(URI.create("s3://bucket/key")));
        assertEquals(0, PROVIDER.specificity(URI.create("https://example.org/x.fits")));
        assertEquals(0, PROVIDER.specificity(URI.create("file:/data/x.fits")));
        assertEquals(0, PROVIDER.specificity(URI.create("s3:///nobucket")));
    }

    @Test
    void installedRegistryShouldRouteS3UrisToThisProvider() {
        assertTrue(ByteRangeSources.installed().schemes().contains("s3"));
        assertTrue(ByteRangeSources.installed().find(URI.create("s3://bucket/key")).orElseThrow()
                instanceof S3ByteRangeSourceProvider);
        assertTrue(ByteRangeSources.installed().find(URI.create("https://bucket.s3.amazonaws.com/k")).orElseThrow()
                instanceof S3ByteRangeSourceProvider);
    }

    @Test
    void openingWithoutAKeyShouldBeRejectedWithoutIo() {
        InvalidUriException noKey = assertThrows(InvalidUriException.class,
                () -> PROVIDER.open(URI.create("s3://bucket/"), SourceOptions.empty()));
        assertTrue(noKey.getMessage().contains("needs a key after the bucket"), noKey.getMessage());
        assertThrows(InvalidUriException.class,
                () -> PROVIDER.open(URI.create("https://example.org/x.fits"), SourceOptions.empty()));
    }

    @Test
    void nonGlobObjectUriShouldExpandToItselfWithoutListing() {
        URI uri = URI.create("s3://bucket-that-does-not-exist/tess/tess-s0022-4-4-cube.fits");
        assertEquals(List.of(uri), PROVIDER.expand(uri, SourceOptions.empty()).collectList().block());
        URI https = URI.create("https://bucket.s3.amazonaws.com/a/b.fits");
        assertEquals(List.of(https), PROVIDER.expand(https, SourceOptions.empty()).collectList().block());
    }

    private static boolean matches(String glob, String key) {
        return Glob.toRegex(glob).matcher(key).matches();
    }

    @Test
    void firstWildcardShouldMarkTheListingPrefix() {
        assertEquals(-1, Glob.firstWildcard("tess/tess-s0022-4-4-cube.fits"));
        assertEquals("tess/tess-s00".length(), Glob.firstWildcard("tess/tess-s00*-1-1-cube.fits"));
        assertEquals(2, Glob.firstWildcard("a/?b"));
        assertEquals(1, Glob.firstWildcard("a[bc]*"));
        assertEquals(0, Glob.firstWildcard("**"));
    }

    @Test
    void starShouldMatchWithinOneSegment() {
        assertTrue(matches("tess/tess-s00*-1-1-cube.fits", "tess/tess-s0022-1-1-cube.fits"));
        assertTrue(matches("tess/tess-s00*-1-1-cube.fits", "tess/tess-s00-1-1-cube.fits"), "* may be empty");
        assertFalse(matches("tess/tess-s00*-1-1-cube.fits", "tess/tess-s0022/x-1-1-cube.fits"), "* stops at /");
        assertFalse(matches("tess/tess-s00*-1-1-cube.fits", "tess/tess-s0022-1-2-cube.fits"));
        assertFalse(matches("tess/tess-s00*-1-1-cube.fits", "tess/tess-s0022-1-1-cube.fits.gz"), "anchored at the end");
        assertFalse(matches("tess/tess-s00*-1-1-cube.fits", "x/tess/tess-s0022-1-1-cube.fits"), "anchored at the start");
        assertFalse(matches("tess/*.fits", "tess/a/b.fits"));
        assertTrue(matches("*/*.fits", "tess/b.fits"));
    }

    @Test
    void doubleStarShouldMatchAcrossSegments() {
        assertTrue(matches("tess/**.fits", "tess/a/b/c.fits"));
        assertTrue(matches("tess/**.fits", "tess/c.fits"));
        assertTrue(matches("tess/**/c.fits", "tess/a/b/c.fits"));
        assertFalse(matches("tess/**/c.fits", "tess/c.fits"), "the slashes around ** are literal");
        assertTrue(matches("**", "anything/at/all"));
        assertFalse(matches("tess/**.fits", "tess/a/b/c.fits.gz"));
    }

    @Test
    void questionMarkShouldMatchExactlyOneCharacterOfASegment() {
        assertTrue(matches("tess-s002?-1-1-cube.fits", "tess-s0022-1-1-cube.fits"));
        assertFalse(matches("tess-s002?-1-1-cube.fits", "tess-s002-1-1-cube.fits"));
        assertFalse(matches("tess-s002?-1-1-cube.fits", "tess-s00222-1-1-cube.fits"));
        assertFalse(matches("a?b", "a/b"));
    }

    @Test
    void bracketClassesShouldMatchOneCharacter() {
        assertTrue(matches("tess-s002[ab].fits", "tess-s002a.fits"));
        assertTrue(matches("tess-s002[ab].fits", "tess-s002b.fits"));
        assertFalse(matches("tess-s002[ab].fits", "tess-s002c.fits"));
        assertFalse(matches("tess-s002[ab].fits", "tess-s002ab.fits"));
        assertTrue(matches("cam[1-4].fits", "cam3.fits"));
        assertFalse(matches("cam[1-4].fits", "cam5.fits"));
    }

    @Test
    void negatedClassesShouldMatchAnyOtherCharacterOfASegment() {
        assertTrue(matches("x[!a].fits", "xb.fits"));
        assertTrue(matches("x[!a].fits", "x1.fits"));
        assertFalse(matches("x[!a].fits", "xa.fits"));
        assertFalse(matches("x[!a].fits", "x.fits"));
        assertFalse(matches("x[!a].fits", "xbb.fits"));
        // like ? and *, a class stays inside one segment: it never matches the separator
        assertFalse(matches("x[!a]y", "x/y"));
        assertFalse(matches("x[!ab]y", "x/y"));
    }

    @Test
    void everythingElseShouldBeLiteral() {
        assertTrue(matches("a.b", "a.b"));
        assertFalse(matches("a.b", "axb"), "a dot is literal");
        assertTrue(matches("f(1)+$^{2}|x.fits", "f(1)+$^{2}|x.fits"));
        assertFalse(matches("f(1)+.fits", "f11.fits"));
        assertTrue(matches("a\\b*", "a\\bcd"), "a backslash is literal");
        assertTrue(matches("open[bracket", "open[bracket"), "an unclosed [ is literal");
        assertFalse(matches("open[bracket", "openxbracket"));
    }
}
