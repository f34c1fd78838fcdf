package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrocloud.testservers.RangeFileServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.spi.test.ByteRangeSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS: certificates are verified by default; HTTP/2 is negotiated when the server offers it. */
class TlsTest {
    private static final byte[] CONTENT = ByteRangeSourceContract.content(100_000, 7);

    @TempDir
    static Path dir;
    static RangeFileServer server;

    @BeforeAll
    static void start() throws Exception {
        Files.write(dir.resolve("data.bin"), CONTENT);
        server = RangeFileServer.tls(dir, selfSigned(dir.resolve("keystore.p12")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    private static KeyManagerFactory selfSigned(Path store) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "test", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        return kmf;
    }

    private static byte[] bytes(RangeBytes r) {
        ByteBuffer b = r.bytes().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void untrustedCertificateShouldFailPermanentlyByDefault() {
        ByteRangeSource s = ByteRangeSources.open(URI.create(server.url("data.bin")), SourceOptions.empty());
        RuntimeException e = assertThrows(RuntimeException.class, () -> s.read(ByteRange.of(0, 100)).block(Duration.ofSeconds(30)));
        assertInstanceOf(PermanentSourceException.class, e);
        assertTrue(e.getMessage().contains("TLS failure"), e.getMessage());
        assertEquals(0, s.stats().retries());
    }

    @Test
    void http2ShouldBeNegotiatedOverTls() {
        int before = server.requests().size();
        ByteRangeSource s = ByteRangeSources.open(URI.create(server.url("data.bin")),
                SourceOptions.empty().with(HttpOptions.TRUST_ALL_CERTIFICATES, true));
        RangeBytes r = s.read(ByteRange.of(5000, 20_000)).block(Duration.ofSeconds(30));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 5000, 25_000), bytes(r));
        assertEquals(CONTENT.length, r.objectSize().getAsLong());
        assertEquals("HTTP/2.0", server.requests().get(before).protocol());
    }

    @Test
    void http11ShouldBeUsedWhenHttp2IsOff() {
        int before = server.requests().size();
        ByteRangeSource s = ByteRangeSources.open(URI.create(server.url("data.bin")),
                SourceOptions.empty().with(HttpOptions.TRUST_ALL_CERTIFICATES, true).with(HttpOptions.HTTP2, false));
        RangeBytes r = s.read(ByteRange.of(99_000, 5000)).block(Duration.ofSeconds(30));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 99_000, 100_000), bytes(r));
        assertEquals("HTTP/1.1", server.requests().get(before).protocol());
    }

    @Test
    void streamOverHttp2ShouldBeExactAndCancellable() {
        ByteRangeSource s = ByteRangeSources.open(URI.create(server.url("data.bin")),
                SourceOptions.empty().with(HttpOptions.TRUST_ALL_CERTIFICATES, true));
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        s.stream(ByteRange.of(5000, 90_000)).doOnNext(r -> joined.writeBytes(bytes(r))).blockLast(Duration.ofSeconds(30));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 5000, 95_000), joined.toByteArray());
        RangeBytes first = s.stream(ByteRange.of(0, CONTENT.length)).blockFirst(Duration.ofSeconds(30));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 0, first.length()), bytes(first));
        RangeBytes after = s.read(ByteRange.of(99_000, 1000)).block(Duration.ofSeconds(30));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 99_000, 100_000), bytes(after));
    }
}
