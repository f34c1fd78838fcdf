package org.astrocloud.azure;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service (npm package {@code azurite}, installed by {@code .ci/run} into
 * {@code ~/.cache/astro-cloud/azurite-3.35.0}) started on 127.0.0.1 on a free port, with its data in
 * a directory of the test's; stopped by its process on {@link #close()}. Without Azurite the tests
 * fail when {@code CI=true} and are skipped otherwise, or when {@code .ci/run} could not install it
 * (it then sets {@code ASTROCLOUD_AZURITE_UNAVAILABLE} and warns).
 */
public final class Azurite implements AutoCloseable {
    /** Azurite's well-known development account and key. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Azurite with its data in {@code location}; see the class comment for a missing install. */
    public static Azurite start(Path location) {
        Path home = Path.of(System.getProperty("astrocloud.azurite.home",
                System.getProperty("user.home") + "/.cache/astro-cloud/azurite-3.35.0"));
        Path bin = home.resolve("node_modules/.bin/azurite-blob");
        String missing = "Azurite is not installed at " + bin + ": run .ci/run, or: mkdir -p " + home + " && cd " + home
                + " && npm install azurite@3.35.0";
        if (!Files.isExecutable(bin)) {
            String unavailable = System.getenv("ASTROCLOUD_AZURITE_UNAVAILABLE");   // .ci/run could not install it
            if (unavailable != null) {
                assumeTrue(false, missing + " (" + unavailable + ")");
            }
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(missing);
            }
            assumeTrue(false, missing);
        }
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder(List.of(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
                    "--location", location.toString(), "--silent", "--skipApiVersionCheck", "--loose"))
                    .redirectErrorStream(true).redirectOutput(location.resolve("azurite.log").toFile()).start();
            Azurite a = new Azurite(p, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return a;
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("Azurite exited: " + Files.readString(location.resolve("azurite.log")));
                    }
                    Thread.sleep(50);
                }
            }
            a.close();
            throw new IllegalStateException("Azurite did not listen on port " + port + " within 30 s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Its port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The account's blob endpoint, path style: {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT);
    }

    /** A (new) container of the development account, through the SDK with the account key. */
    public BlobContainerClient container(String name) {
        BlobContainerClient c = new BlobServiceClientBuilder().endpoint(endpoint().toString())
                .credential(new StorageSharedKeyCredential(ACCOUNT, KEY))
                .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build())
                .buildClient().getBlobContainerClient(name);
        if (!c.exists()) {
            c.create();
        }
        return c;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
