package org.astrocloud.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.astrocloud.testservers.NginxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConditionalServerCases} against Debian's nginx, counting at its access log. */
class NginxConditionalTest implements ConditionalServerCases {
    @TempDir
    static Path dir;
    static NginxServer nginx;
    static Path www;

    @BeforeAll
    static void start() throws Exception {
        boolean present = NginxServer.installed().isPresent();
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("nginx is not installed; .ci/run installs nginx-light");
        }
        Assumptions.assumeTrue(present, "nginx is not installed (apt-get install -y nginx-light)");
        www = Files.createDirectories(dir.resolve("www"));
        nginx = NginxServer.start(www, Files.createDirectories(dir.resolve("nginx")));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Override
    public Path www() {
        return www;
    }

    @Override
    public String url(String name) {
        return nginx.url(name);
    }

    /** Waits up to 5 s for {@code requests} lines, then 50 ms more for any line still on its way. */
    @Override
    public Counted counted(long requests) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (nginx.accessLog().size() < requests && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
        List<String> lines = nginx.accessLog();
        long body = lines.stream().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        return new Counted(lines.size(), body);
    }
}
