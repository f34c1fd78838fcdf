package org.astrocloud.fits;

import org.astrocloud.fits.error.UnsupportedSchemeException;
import org.astrocloud.fits.error.ObjectNotFoundException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.astrocloud.fits.source.MemoryByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.SourceOption;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.TestProvider;
import org.junit.jupiter.api.Test;

/** Provider lookup by scheme and specificity, root maps and source options. */
class RegistryAndMapsTest {

    @Test
    void installedProvidersShouldIncludeFileFoundByServiceLoader() {
        assertTrue(ByteRangeSources.installed().schemes().contains("file"));
        assertTrue(ByteRangeSources.installed().find(URI.create("file:/x.fits")).isPresent());
        assertTrue(ByteRangeSources.installed().find(URI.create("FILE:/x.fits")).isPresent());
    }

    @Test
    void unknownSchemeShouldFailWithTheAvailableSchemes() {
        UnsupportedSchemeException e = assertThrows(UnsupportedSchemeException.class,
                () -> ByteRangeSources.open(URI.create("gopher://host/x.fits"), SourceOptions.empty()));
        assertTrue(e.getMessage().contains("'gopher'"), e.getMessage());
        assertTrue(e.getMessage().contains("available: file"), e.getMessage());
        assertTrue(e.getMessage().contains("gopher://host/x.fits"), e.getMessage());
    }

    @Test
    void mostSpecificProviderShouldWin() {
        ByteRangeSource generic = MemoryByteRangeSource.of(URI.create("mem:/generic"), new byte[0]);
        ByteRangeSource specific = MemoryByteRangeSource.of(URI.create("mem:/specific"), new byte[0]);
        ByteRangeSources registry = ByteRangeSources.of(List.of(
                new TestProvider("https", 1, uri -> generic),
                new TestProvider("https", 5, uri -> specific),
                new TestProvider("s3", 1, uri -> generic)));
        assertEquals(specific.uri(), registry.get(URI.create("https://bucket.s3.amazonaws.com/k"), SourceOptions.empty()).uri());
        assertEquals(List.of("https", "s3"), List.copyOf(registry.schemes()));
    }

    @Test
    void rootMapShouldRewriteTheLongestMatchingPrefix() {
        RootMap map = RootMap.empty()
                .with("s3://old-bucket/", "https://mirror.example.org/")
                .with("s3://old-bucket/tess/", "file:/archive/tess/");
        assertEquals(URI.create("file:/archive/tess/a.fits"), map.apply(URI.create("s3://old-bucket/tess/a.fits")));
        assertEquals(URI.create("https://mirror.example.org/b/c.fits"), map.apply(URI.create("s3://old-bucket/b/c.fits")));
        assertEquals(URI.create("s3://other/x.fits"), map.apply(URI.create("s3://other/x.fits")));
        assertEquals(URI.create("https://m/x"), RootMap.parse("s3://b/=https://m/").apply(URI.create("s3://b/x")));
        assertThrows(IllegalArgumentException.class, () -> RootMap.parse("no-equals-sign"));
    }

    @Test
    void scannerShouldOpenTheRewrittenUri() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("rootmap", ".fits");
        try {
            java.nio.file.Files.write(file, org.astrocloud.testdata.TessFiles.header("cube-hdu0-primary.txt"));
            String dirUri = file.getParent().toUri().toString();
            ScanResult r = FitsScanner.create()
                    .rootMap(RootMap.empty().with("s3://moved-bucket/", dirUri))
                    .scanFile(URI.create("s3://moved-bucket/" + file.getFileName()))
                    .block(java.time.Duration.ofSeconds(10));
            assertTrue(r.isOk(), () -> r.error().toString());
            assertEquals(URI.create("s3://moved-bucket/" + file.getFileName()), r.uri());
            assertEquals(file.toUri(), r.resolvedUri());
            assertEquals(1, r.headers().size());
            assertEquals(file.toUri(), r.headers().get(0).uri());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void sensitiveOptionsShouldNeverBeShown() {
        SourceOption<String> token = SourceOption.sensitive("test.token", String.class);
        SourceOption<String> region = SourceOption.of("test.region", String.class);
        SourceOptions options = SourceOptions.empty().with(token, "s3cr3t").with(region, "us-east-1");
        assertEquals("s3cr3t", options.get(token).orElseThrow());
        assertTrue(options.toString().contains("test.region=us-east-1"));
        assertTrue(!options.toString().contains("s3cr3t"), options.toString());
        assertTrue(FitsScanner.create().option(token, "s3cr3t").toString().contains("test.token=****"));
    }

    @Test
    void errorMessagesShouldMaskSecretsInUris() {
        URI presigned = URI.create("https://user:pw@bucket.s3.amazonaws.com/k.fits?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20261122&X-Amz-Signature=deadbeef&sv=2024&sig=abc&plain=1#frag");
        String message = new ObjectNotFoundException("gone", presigned, 7).getMessage();
        assertTrue(message.contains("https://****@bucket.s3.amazonaws.com/k.fits?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=****&X-Amz-Signature=****&sv=2024&sig=****&plain=1#frag"), message);
        assertTrue(!message.contains("deadbeef") && !message.contains("AKIDEXAMPLE") && !message.contains("pw@"), message);
        assertEquals(presigned, new ObjectNotFoundException("gone", presigned, 7).uri().orElseThrow());
    }
}
