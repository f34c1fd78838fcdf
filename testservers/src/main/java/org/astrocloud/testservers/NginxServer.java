package org.astrocloud.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx in the foreground on 127.0.0.1, serving a directory, with its configuration in
 * a temporary directory, also as GCS's JSON API serves media downloads
 * ({@code /storage/v1/b/BUCKET/o/OBJECT?alt=media} is {@code www/BUCKET/OBJECT}). CI installs nginx
 * ({@code .ci/run}). Its access log has one line per
 * request, {@code METHOD STATUS BODY_BYTES_SENT}, read with {@link #accessLog()}, so that tests can
 * count requests and body bytes at the server.
 */
public final class NginxServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path accessLog;

    private NginxServer(Process process, int port, Path accessLog) {
        this.process = process;
        this.port = port;
        this.accessLog = accessLog;
    }

    /** The nginx binary ({@code $NGINX}, else {@code /usr/sbin/nginx}), if it is installed. */
    public static java.util.Optional<Path> installed() {
        String configured = System.getenv("NGINX");
        Path nginx = Path.of(configured != null ? configured : "/usr/sbin/nginx");
        return Files.isExecutable(nginx) ? java.util.Optional.of(nginx) : java.util.Optional.empty();
    }

    /** Starts nginx serving {@code www}; {@code work} holds its configuration, pid and logs. */
    public static NginxServer start(Path www, Path work) throws IOException, InterruptedException {
        Path nginx = installed().orElseThrow(() -> new IllegalStateException("nginx is not installed (apt-get install -y nginx-light)"));
        int port = freePort();
        Files.createDirectories(work.resolve("logs"));
        Files.createDirectories(work.resolve("tmp"));
        String conf = String.join("\n",
                "daemon off;",
                "master_process on;",
                "worker_processes 1;",
                "user root root;",
                "pid " + work.resolve("nginx.pid") + ";",
                "error_log " + work.resolve("logs/error.log") + " warn;",
                "events { worker_connections 1024; }",
                "http {",
                "  log_format counted '$request_method $status $body_bytes_sent';",
                "  access_log " + work.resolve("logs/access.log") + " counted;",
                "  client_body_temp_path " + work.resolve("tmp") + ";",
                "  proxy_temp_path " + work.resolve("tmp") + ";",
                "  fastcgi_temp_path " + work.resolve("tmp") + ";",
                "  uwsgi_temp_path " + work.resolve("tmp") + ";",
                "  scgi_temp_path " + work.resolve("tmp") + ";",
                "  sendfile on; tcp_nopush on;",
                "  keepalive_requests 1000000; keepalive_timeout 65;",
                "  default_type application/octet-stream;",
                "  server { listen 127.0.0.1:" + port + "; root " + www.toAbsolutePath() + "; location / { }",
                // GCS's JSON API media download of BUCKET/OBJECT (nginx matches the decoded path, %2F as /)
                "    location ~ ^/storage/v1/b/([^/]+)/o/(.+)$ { alias " + www.toAbsolutePath() + "/$1/$2; } }",
                "}", "");
        Path confFile = work.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(nginx.toString(), "-p", work.toString(), "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("logs/stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(work.resolve("logs/stdout.log")));
            }
            try {
                new Socket("127.0.0.1", port).close();
                return new NginxServer(p, port, work.resolve("logs/access.log"));
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("nginx did not start listening on " + port);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The access log so far, one {@code METHOD STATUS BODY_BYTES_SENT} line per request. nginx writes
     * a line when it has handed the response to the socket, so a client may see the answer a moment
     * before its line appears.
     */
    public java.util.List<String> accessLog() {
        try {
            return Files.exists(accessLog) ? Files.readAllLines(accessLog) : java.util.List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String name) {
        return "http://127.0.0.1:" + port + "/" + name;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
