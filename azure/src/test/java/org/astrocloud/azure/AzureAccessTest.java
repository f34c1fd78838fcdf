package org.astrocloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import org.astrocloud.fits.error.InvalidUriException;
import org.astrocloud.fits.spi.SourceOptions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Which credential and endpoint a request gets (the rules of {@link AzureAccess}): secrets of one account
 * are never sent to another, options come before the environment, and a URL's query is split into the
 * blob version it selects and its SAS. Each expected URL is written out by hand.
 */
class AzureAccessTest {
    private static final String KEY = "a2V5a2V5a2V5a2V5";   // base64 of "keykeykeykey": no request is signed here
    private static final TokenCredential TOKEN = request -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1)));

    private static AzureAccess resolve(String uri, SourceOptions options, Map<String, String> env) {
        return AzureAccess.resolve(AzureLocation.parse(URI.create(uri)).orElseThrow(), options, env, URI.create(uri));
    }

    @Test
    void aKeyOfTheConfiguredAccountShouldNeverBeSentToAnotherAccountsUrl() {
        SourceOptions options = SourceOptions.empty().with(AzureOptions.ACCOUNT, "mine").with(AzureOptions.ACCOUNT_KEY, KEY)
                .with(AzureOptions.ENDPOINT, URI.create("http://127.0.0.1:10000/mine"));
        AzureAccess other = resolve("https://theirs.blob.core.windows.net/c/b.fits", options, Map.of());
        assertTrue(other.anonymous(), other::toString);
        assertEquals(URI.create("https://theirs.blob.core.windows.net/c/b.fits"),
                other.blobUrl(AzureLocation.parse(URI.create("https://theirs.blob.core.windows.net/c/b.fits")).orElseThrow()));

        AzureAccess same = resolve("https://MINE.blob.core.windows.net/c/b.fits", options, Map.of());
        assertEquals("mine", same.sharedKey().getAccountName());
        assertEquals(URI.create("http://127.0.0.1:10000/mine"), same.endpoint(), "the endpoint is the configured account's");
    }

    @Test
    void environmentSecretsShouldNotBeSentToAnotherAccountEither() {
        Map<String, String> env = Map.of("AZURE_STORAGE_ACCOUNT", "mine", "AZURE_STORAGE_SAS_TOKEN", "sv=1&sig=x",
                "AZURE_STORAGE_CONNECTION_STRING", "AccountName=mine;AccountKey=" + KEY);
        assertTrue(resolve("https://theirs.blob.core.windows.net/c/b.fits", SourceOptions.empty(), env).anonymous());
        assertEquals("mine", resolve("https://mine.blob.core.windows.net/c/b.fits", SourceOptions.empty(), env)
                .sharedKey().getAccountName());
    }

    @Test
    void withoutAConfiguredAccountACredentialShouldBeForTheUrlsAccount() {
        AzureAccess a = resolve("https://acct.blob.core.windows.net/c/b.fits",
                SourceOptions.empty().with(AzureOptions.SAS_TOKEN, "?sv=1&sig=x"), Map.of());
        assertEquals("sv=1&sig=x", a.sas());
        AzureAccess k = resolve("https://acct.blob.core.windows.net/c/b.fits",
                SourceOptions.empty().with(AzureOptions.ACCOUNT_KEY, KEY), Map.of());
        assertEquals("acct", k.sharedKey().getAccountName());
    }

    @Test
    void aTokenCredentialIsOfNoAccountAndShouldApplyToEvery() {
        SourceOptions options = SourceOptions.empty().with(AzureOptions.ACCOUNT, "mine").with(AzureOptions.TOKEN_CREDENTIAL, TOKEN);
        assertSame(TOKEN, resolve("https://theirs.blob.core.windows.net/c/b.fits", options, Map.of()).token());
        assertSame(TOKEN, resolve("az://c/b.fits", options, Map.of()).token());
    }

    @Test
    void anyCredentialOptionShouldOutrankEveryCredentialOfTheEnvironment() {
        Map<String, String> env = Map.of("AZURE_STORAGE_CONNECTION_STRING", "AccountName=acct;AccountKey=" + KEY,
                "AZURE_STORAGE_KEY", KEY);
        AzureAccess sas = resolve("az://c/b", SourceOptions.empty().with(AzureOptions.ACCOUNT, "acct")
                .with(AzureOptions.SAS_TOKEN, "sv=1&sig=opt"), env);
        assertEquals("sv=1&sig=opt", sas.sas());
        assertNull(sas.sharedKey());
        AzureAccess token = resolve("az://c/b", SourceOptions.empty().with(AzureOptions.ACCOUNT, "acct")
                .with(AzureOptions.TOKEN_CREDENTIAL, TOKEN), env);
        assertSame(TOKEN, token.token());
        assertNull(token.sharedKey());
        assertNotNull(resolve("az://c/b", SourceOptions.empty(), env).sharedKey(), "with no option the environment's applies");
    }

    @Test
    void aConnectionStringKeyWithoutAnyAccountNameShouldBeATypedError() {
        SourceOptions options = SourceOptions.empty().with(AzureOptions.CONNECTION_STRING,
                "AccountKey=" + KEY + ";BlobEndpoint=http://127.0.0.1:10000/x");
        InvalidUriException e = assertThrows(InvalidUriException.class, () -> resolve("az://c/b", options, Map.of()));
        assertTrue(e.getMessage().contains("AccountName"), e.getMessage());
    }

    @Test
    void snapshotAndVersionShouldSelectTheBlobAndNotBeTakenForASas() {
        String url = "https://acct.blob.core.windows.net/c/b.fits?snapshot=2024-01-01T00:00:00.0000000Z";
        AzureLocation l = AzureLocation.parse(URI.create(url)).orElseThrow();
        assertNull(l.sas());
        assertEquals("snapshot=2024-01-01T00:00:00.0000000Z", l.selector());
        AzureAccess keyed = AzureAccess.resolve(l, SourceOptions.empty().with(AzureOptions.ACCOUNT_KEY, KEY), Map.of(), URI.create(url));
        assertNotNull(keyed.sharedKey(), "a snapshot query is no credential: the key signs");
        assertEquals(URI.create(url), keyed.blobUrl(l));

        String signed = "https://acct.blob.core.windows.net/c/b.fits?versionid=2024-02-02T00:00:00.0000000Z&sv=2024-11-04&sp=r&sig=abc";
        AzureLocation v = AzureLocation.parse(URI.create(signed)).orElseThrow();
        assertEquals("sv=2024-11-04&sp=r&sig=abc", v.sas());
        assertEquals("versionid=2024-02-02T00:00:00.0000000Z", v.selector());
        assertEquals(URI.create(signed), AzureAccess.resolve(v, SourceOptions.empty(), Map.of(), URI.create(signed)).blobUrl(v));
        assertEquals(URI.create("https://acct.blob.core.windows.net/c/other.fits?sv=2024-11-04&sp=r&sig=abc"), v.withBlob("other.fits"),
                "a listed blob carries the SAS, not the other blob's version");
    }
}
