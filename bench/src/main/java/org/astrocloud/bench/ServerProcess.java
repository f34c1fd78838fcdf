package org.astrocloud.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server or proxy process, stopped by PID when closed. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String ready;
    private final Path log;
    private int port;

    private ServerProcess(Process process, String ready, Path log) {
        this.process = process;
        this.ready = ready;
        this.log = log;
    }

    static ServerProcess start(Path log, List<String> command, String readyPrefix) throws IOException {
        if (readyPrefix == null) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServerProcess(p, "", log);
        }
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || !line.startsWith(readyPrefix)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not start: " + line);
        }
        return new ServerProcess(p, line, log);
    }

    String ready() {
        return ready;
    }

    int port() {
        return port;
    }

    void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited; see " + log);
            }
            try {
                new Socket("127.0.0.1", port).close();
                this.port = port;
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("not listening on " + port + " after 60 s; see " + log);
    }

    @Override
    public void close() {
        ProcessHandle h = process.toHandle();
        h.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                h.destroyForcibly();
            }
        } catch (InterruptedException e) {
            h.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
