package org.astrocloud.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

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

    @ParameterizedTest
    @ValueSource(strings = {"ftp://archive.example.org/", "https://user@archive.example.org/", "s3:stpubdata",
            "file://host/data/", "file:/no/such/astro-cloud/dir/"})
    void badRootsFailAtStartup(String root) {
        assertThatThrownBy(() -> new UriAllowlist(List.of(root))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileRootMustBeADirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a.fits"), "x");
        assertThatThrownBy(() -> new UriAllowlist(List.of(file.toUri().toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a directory");
    }

    @Test
    void checksRunOnTheCallersThreadWithoutFileRoots() {
        String caller = Thread.currentThread().getName();
        StepVerifier.create(allowlist.checked("s3://stpubdata/tess/x.fits").map(u -> Thread.currentThread().getName()))
                .expectNext(caller)
                .verifyComplete();
        StepVerifier.create(allowlist.checked("file:/etc/passwd"))
                .verifyError(UriNotAllowedException.class);
    }

    /** Local files under {@code file:} roots, compared by real paths. */
    @Nested
    class FileRootsTest {
        @TempDir
        Path tmp;
        /** The real path of {@code tmp}, as text: expected URIs are built from it by hand. */
        String real;
        UriAllowlist files;

        @BeforeEach
        void layout() throws IOException {
            real = tmp.toRealPath().toString();
            Files.createDirectories(tmp.resolve("data/tess"));
            Files.writeString(tmp.resolve("data/tess/cube.fits"), "SIMPLE");
            Files.createDirectories(tmp.resolve("data-private"));
            Files.writeString(tmp.resolve("data-private/secret.fits"), "SIMPLE");
            Files.writeString(tmp.resolve("outside.fits"), "SIMPLE");
            Files.createSymbolicLink(tmp.resolve("data/tess/escape.fits"), tmp.resolve("outside.fits"));
            Files.createSymbolicLink(tmp.resolve("data/tess/escape-dir"), tmp.resolve("data-private"));
            Files.createSymbolicLink(tmp.resolve("data/tess/dangling.fits"), tmp.resolve("nowhere.fits"));
            Files.createSymbolicLink(tmp.resolve("link-to-data"), tmp.resolve("data"));
            files = new UriAllowlist(List.of("file:" + real + "/data", "s3://stpubdata/tess/"));
        }

        @Test
        void aFileRootIsADirectory() {
            assertThat(files.roots()).containsExactly("file://" + real + "/data/", "s3://stpubdata/tess/");
        }

        @Test
        void readsTheRealPathOfAFileUnderTheRoot() {
            URI expected = URI.create("file://" + real + "/data/tess/cube.fits");
            assertThat(files.check("file:" + real + "/data/tess/cube.fits")).isEqualTo(expected);
            assertThat(files.check("file://" + real + "/data/tess/cube.fits")).isEqualTo(expected);
            assertThat(files.check("FILE:" + real + "/data/tess/cube.fits")).isEqualTo(expected);
            // a link outside the root that leads into it reads the file it leads to
            assertThat(files.check("file:" + real + "/link-to-data/tess/cube.fits")).isEqualTo(expected);
            assertThat(files.allows(URI.create("file:" + real + "/data/tess/cube.fits"))).isTrue();
        }

        @Test
        void aMissingFileUnderTheRootIsAllowedForItsReadToFail() {
            assertThat(files.check("file:" + real + "/data/tess/new/missing.fits"))
                    .isEqualTo(URI.create("file://" + real + "/data/tess/new/missing.fits"));
        }

        @Test
        void aRootThatIsALinkAdmitsWhatItPointsTo() {
            UriAllowlist linked = new UriAllowlist(List.of("file:" + real + "/link-to-data/"));
            assertThat(linked.check("file:" + real + "/link-to-data/tess/cube.fits"))
                    .isEqualTo(URI.create("file://" + real + "/data/tess/cube.fits"));
            assertThatThrownBy(() -> linked.check("file:" + real + "/outside.fits"))
                    .isInstanceOf(UriNotAllowedException.class);
        }

        @Test
        void refusesWhatLiesOutsideTheRootOnceLinksAreResolved() {
            for (String uri : List.of(
                    "file:" + real + "/outside.fits",
                    "file:" + real + "/data-private/secret.fits",      // a sibling whose name starts like the root
                    "file:" + real + "/data/tess/escape.fits",         // a link to a file outside
                    "file:" + real + "/data/tess/escape-dir/secret.fits",
                    "file:" + real + "/data/tess/escape-dir/missing.fits",
                    "file:" + real + "/data/tess/dangling.fits",
                    "file:" + real + "/data/tess/cube.fits/inside-a-file",
                    "file:" + real + "/data/../outside.fits",
                    "file:" + real + "/data/%2e%2e/outside.fits",
                    "file://localhost" + real + "/data/tess/cube.fits",
                    "file:" + real + "/data/tess/cube.fits?x=1",
                    "file:" + real + "/data/tess/cube.fits#x",
                    "file:/etc/passwd",
                    "file:data/tess/cube.fits")) {
                assertThatThrownBy(() -> files.check(uri)).as(uri).isInstanceOf(UriNotAllowedException.class);
                assertThat(files.allows(URI.create(uri))).as(uri).isFalse();
            }
        }

        @Test
        void otherRootsAreUnchanged() {
            assertThat(files.check("s3://stpubdata/tess/x.fits")).hasToString("s3://stpubdata/tess/x.fits");
            assertThatThrownBy(() -> files.check("s3://stpubdata/other/x.fits")).isInstanceOf(UriNotAllowedException.class);
        }

        @Test
        void checksLeaveTheCallersThreadWithFileRoots() {
            StepVerifier.create(files.checked("file:" + real + "/data/tess/cube.fits")
                            .map(u -> Thread.currentThread().getName()))
                    .assertNext(thread -> assertThat(thread).startsWith("boundedElastic-"))
                    .verifyComplete();
            StepVerifier.create(files.checkedAll(List.of("file:" + real + "/data/tess/cube.fits", "s3://stpubdata/tess/x.fits")))
                    .expectNext(List.of(URI.create("file://" + real + "/data/tess/cube.fits"),
                            URI.create("s3://stpubdata/tess/x.fits")))
                    .verifyComplete();
            StepVerifier.create(files.checkedAll(List.of("s3://stpubdata/tess/x.fits", "file:" + real + "/outside.fits")))
                    .verifyError(UriNotAllowedException.class);
        }
    }
}
