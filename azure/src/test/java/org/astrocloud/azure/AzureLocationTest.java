package org.astrocloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.astrocloud.fits.error.Redaction;
import org.astrocloud.fits.spi.SourceOptions;
import org.junit.jupiter.api.Test;

/** Which URIs are Azure's, where their bytes are, which provider wins, and that SAS secrets never show. */
class AzureLocationTest {
    private final AzureByteRangeSourceProvider provider = new AzureByteRangeSourceProvider(Map.of(), 1000);

    @Test
    void azUriShouldNameContainerAndBlobWithTheAccountFromTheOptions() {
        AzureLocation l = AzureLocation.parse(URI.create("az://tess/s22/cube%20one.fits")).orElseThrow();
        assertEquals("tess", l.container());
        assertEquals("s22/cube one.fits", l.blob());
        AzureAccess a = AzureAccess.resolve(l, SourceOptions.empty().with(AzureOptions.ACCOUNT, "acct"), Map.of(), URI.create("az://x/y"));
        assertEquals(URI.create("https://acct.blob.core.windows.net/tess/s22/cube%20one.fits"), a.blobUrl(l));
        assertTrue(a.anonymous());
    }

    @Test
    void listedBlobsOfContainersThatAreNoHostNamesShouldFormUrisThatParseBack() {
        // $web (static websites) and $root are valid container names but no host names
        for (String container : new String[] {"$web", "$root", "tess-2"}) {
            AzureLocation l = AzureLocation.parse(URI.create("az://" + container + "/a.fits")).orElseThrow();
            URI listed = l.withBlob("dir/x y+%#?é.fits");
            assertEquals("az://" + container + "/dir/x%20y%2B%25%23%3F%C3%A9.fits", listed.toString());
            AzureLocation back = AzureLocation.parse(listed).orElseThrow();
            assertEquals(container, back.container());
            assertEquals("dir/x y+%#?é.fits", back.blob());
        }
        AzureLocation https = AzureLocation.parse(URI.create("https://acct.blob.core.windows.net/$web/a.fits")).orElseThrow();
        assertEquals("https://acct.blob.core.windows.net/$web/b%20c.fits", https.withBlob("b c.fits").toString());
    }

    @Test
    void accountShouldComeFromTheEnvironmentWhenNoOptionSaysIt() {
        AzureLocation l = AzureLocation.parse(URI.create("az://tess/c.fits")).orElseThrow();
        AzureAccess a = AzureAccess.resolve(l, SourceOptions.empty(), Map.of("AZURE_STORAGE_ACCOUNT", "envacct",
                "AZURE_STORAGE_SAS_TOKEN", "?sv=1&sig=abc"), URI.create("az://tess/c.fits"));
        assertEquals(URI.create("https://envacct.blob.core.windows.net/tess/c.fits?sv=1&sig=abc"), a.blobUrl(l));
    }

    @Test
    void connectionStringShouldGiveAccountKeyAndEndpoint() {
        String cs = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5PT0=;"
                + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
        AzureLocation l = AzureLocation.parse(URI.create("az://c/b")).orElseThrow();
        AzureAccess a = AzureAccess.resolve(l, SourceOptions.empty().with(AzureOptions.CONNECTION_STRING, cs), Map.of(),
                URI.create("az://c/b"));
        assertEquals("devstoreaccount1", a.account());
        assertEquals("devstoreaccount1", a.sharedKey().getAccountName());
        assertEquals(URI.create("http://127.0.0.1:10000/devstoreaccount1/c/b"), a.blobUrl(l));
    }

    @Test
    void blobHostsShouldGoToAzureAndOtherHttpsStayWithHttp() {
        assertEquals(10, provider.specificity(URI.create("https://acct.blob.core.windows.net/c/b.fits")));
        assertEquals(1, provider.specificity(URI.create("az://c/b.fits")));
        assertEquals(0, provider.specificity(URI.create("https://archive.stsci.edu/c/b.fits")));
        assertEquals(0, provider.specificity(URI.create("az://c@acct/b.fits")), "user-info form not accepted");
    }

    @Test
    void httpsUrlShouldKeepItsSasAndListInTheSameForm() {
        AzureLocation l = AzureLocation.parse(URI.create("https://acct.blob.core.windows.net/c/d/e.fits?sv=2024&sig=s3cr3t"))
                .orElseThrow();
        assertEquals("acct", l.account());
        assertEquals("d/e.fits", l.blob());
        assertEquals("sv=2024&sig=s3cr3t", l.sas());
        // a container SAS that listed a blob reads it: listed URIs carry it (and messages mask it)
        assertEquals(URI.create("https://acct.blob.core.windows.net/c/f.fits?sv=2024&sig=s3cr3t"), l.withBlob("f.fits"));
    }

    @Test
    void sasValuesShouldBeMaskedWhereverAUriIsShown() {
        String shown = Redaction.redact(URI.create(
                "https://acct.blob.core.windows.net/c/e.fits?sv=2024-11-04&sp=r&se=2099-01-01&sig=s3cr3t%2Bsig&skoid=o"));
        assertFalse(shown.contains("s3cr3t"), shown);
        assertTrue(shown.contains("sig=****"), shown);
        assertTrue(shown.contains("sv=2024-11-04"), shown);
    }
}
