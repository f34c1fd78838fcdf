package org.astrocloud.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UriAllowlistTest {
    private final UriAllowlist allowlist = new UriAllowlist(
            List.of("https://archive.example.org", "s3://stpubdata/tess/", "http://127.0.0.1:8080/data/"));

    @Test
    void rootsAreNormalized() {
        assertThat(allowlist.roots())
                .containsExactly("https://archive.example.org/", "s3://stpubdata/tess/", "http://127.0.0.1:8080/data/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://archive.example.org/missions/tess/cube.fits",
            "https://archive.example.org/",
            "https://archive.example.org/x.fits?token=abc",
            "s3://stpubdata/tess/public/mast/tess-s0022-4-4-cube.fits",
            "s3://stpubdata/tess/public/mast/tess-s0022-*-cube.fits",
            "http://127.0.0.1:8080/data/a.fits"})
    void allows(String uri) {
        assertThat(allowlist.check(uri)).hasToString(uri);
        assertThat(allowlist.allows(URI.create(uri))).isTrue();
    }

    @Test
    void readsTheNormalizedUri() {
        assertThat(allowlist.check("HTTPS://Archive.Example.ORG/Data/x.fits"))
                .isEqualTo(URI.create("https://archive.example.org/Data/x.fits"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://archive.example.org.evil.net/x.fits",               // host prefix
            "https://archive.example.org:8443/x.fits",                   // another port
            "http://archive.example.org/x.fits",                         // another scheme
            "https://user:secret@archive.example.org/x.fits",            // user info
            "https://archive.example.org@evil.net/x.fits",               // user info, other host
            "s3://stpubdata/tess/../private/x.fits",                     // dot segments
            "s3://stpubdata/tess/%2e%2e/private/x.fits",                 // encoded dot segments
            "s3://stpubdata/tess/.%2E/private/x.fits",
            "s3://stpubdata/tess/a%2F..%2Fb/x.fits",                     // encoded slashes around ..
            "s3://stpubdata/tess/./x.fits",
            "s3://stpubdata/tess%5C..%5Cx.fits",                         // backslashes
            "s3://stpubdata/tesseract/x.fits",                           // a prefix of the root's path only
            "s3://stpubdata/tes",
            "s3://other/tess/x.fits",
            "http://127.0.0.1:8080/data/a.fits#frag",
            "http://127.0.0.1:8080/secret/a.fits",
            "http://localhost:8080/data/a.fits",
            "file:/etc/passwd",
            "file:///etc/passwd",
            "gs://stpubdata/tess/x.fits",
            "ftp://archive.example.org/x.fits",
            "jar:https://archive.example.org/x.jar!/a",
            "mailto:someone@archive.example.org",
            "/data/a.fits",
            "archive.example.org/x.fits",
            "",
            "https:///x.fits",
            "https://archive.example.org/x y.fits",
            "https://[::1/x"})
    void refuses(String uri) {
        assertThatThrownBy(() -> allowlist.check(uri)).isInstanceOf(UriNotAllowedException.class);
    }

    @Test
    void doesNotEchoUserInfo() {
        assertThatThrownBy(() -> allowlist.check("https://user:secret@archive.example.org/x.fits"))
                .isInstanceOf(UriNotAllowedException.class)
                .message().doesNotContain("secret");
    }

    @Test
    void doesNotEchoTheSignatureOfARefusedPresignedUrl() {
        assertThatThrownBy(() -> allowlist.check("https://elsewhere.example.org/x.fits?X-Amz-Signature=abc123def"))
                .isInstanceOf(UriNotAllowedException.class)
                .message().doesNotContain("abc123def").contains("elsewhere.example.org");
    }

    @Test
    void emptyAllowlistRefusesEverything() {
        assertThatThrownBy(() -> new UriAllowlist(List.of()).check("https://archive.example.org/x.fits"))
                .isInstanceOf(UriNotAllowedException.class);
    }

    @Test
    void badRootsFailAtStartup() {
        assertThatThrownBy(() -> new UriAllowlist(List.of("file:/data/")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
