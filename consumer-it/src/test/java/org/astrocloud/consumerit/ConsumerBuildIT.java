package org.astrocloud.consumerit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.astrocloud.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our artifacts as a user meets them: a project with no astro-cloud parent that depends on core,
 * http and s3 ({@code src/it/no-bom}, and {@code src/it/with-bom}, which imports our BOM) is built
 * by the Maven running this build against the artifacts just built (invoker:install put them into
 * its own local repository), must resolve one Netty version, and its application
 * ({@code src/it/app}) must scan a sector-22 cube over HTTP and one over S3, served on 127.0.0.1
 * by this JVM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerBuildIT {
    private static final String NETTY = required("netty.version");
    private static final Path PROJECTS = Path.of(required("consumer.projects"));
    private static final Path WORK = Path.of(required("consumer.work"));
    private static final String DEPENDENCY_PLUGIN =
            "org.apache.maven.plugins:maven-dependency-plugin:" + required("dependency-plugin.version");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(1);
    private static final String HTTP_CUBE = "tess-s0022-1-1-cube.fits";
    private static final String S3_CUBE = "tess-s0022-4-4-cube.fits";
    /** The artifacts each consumer resolved, as {@code group:artifact:type[:classifier]:version}. */
    private static final Map<String, Set<String>> RESOLVED = new ConcurrentHashMap<>();

    @TempDir
    static Path files;
    private static RangeFileServer http;
    private static S3ProxyServer s3;

    @BeforeAll
    static void serveCubes() throws IOException {
        Path www = Files.createDirectories(files.resolve("www"));
        TessFiles.writeCube(www.resolve(HTTP_CUBE), 22, 1, 1, TessFiles.SECTOR_22_FFIS);
        http = RangeFileServer.serving(www);
        s3 = S3ProxyServer.filesystem(Files.createDirectories(files.resolve("s3"))).anonymous().start();
        TessFiles.writeCube(s3.placeFile("tess", S3_CUBE), 22, 4, 4, TessFiles.SECTOR_22_FFIS);
    }

    @AfterAll
    static void stopServers() {
        if (http != null) {
            http.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no-bom", "with-bom"})
    void consumerResolvesOneNettyAndScansOverHttpAndS3(String consumer) throws Exception {
        Path project = assemble(consumer);
        mvn(project, "compile",
                DEPENDENCY_PLUGIN + ":tree", "-DoutputFile=tree.txt",
                DEPENDENCY_PLUGIN + ":build-classpath", "-Dmdep.outputFile=classpath.txt", "-Dmdep.includeScope=runtime");

        Set<String> resolved = resolved(project.resolve("tree.txt"));
        RESOLVED.put(consumer, resolved);
        Set<String> netty = resolved.stream().filter(a -> a.startsWith("io.netty:")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> nettyModules = netty.stream().map(a -> a.split(":")[1]).collect(Collectors.toSet());

        String httpUri = http.url(HTTP_CUBE);
        String s3Uri = "s3://tess/" + S3_CUBE;
        List<String> expected = new ArrayList<>(cube(httpUri, 1, 1));
        expected.addAll(cube(s3Uri, 4, 4));
        // both, so that a failure shows the cause (the tree) and what the user sees (the run)
        assertAll(
                () -> assertTrue(nettyModules.containsAll(Set.of("netty-common", "netty-buffer", "netty-transport",
                        "netty-handler", "netty-codec-http", "netty-codec-http2", "netty-transport-classes-epoll")),
                        () -> "Netty modules: " + netty),
                () -> assertEquals(List.of(), netty.stream().filter(a -> !version(a).equals(NETTY)).toList(),
                        "io.netty artifacts not on " + NETTY + " in " + project.resolve("tree.txt")),
                () -> assertEquals(expected, runApp(project, s3.endpoint().toString(), httpUri, s3Uri)));
    }

    /** Scopes may differ: Netty's BOM makes its native jars runtime dependencies. */
    @Order(2)
    @Test
    void theBomChangesNoResolvedVersion() {
        assumeTrue(RESOLVED.containsKey("no-bom") && RESOLVED.containsKey("with-bom"), "needs both consumer builds");
        assertEquals(RESOLVED.get("no-bom"), RESOLVED.get("with-bom"));
    }

    /**
     * What the application prints for a sector-22 cube of 1248 FFIs, from the FITS rules and the
     * cube's layout (the header texts and TessFiles' documented layout), not from our code:
     * <ul>
     *   <li>primary: NAXIS = 0, one block of cards: header 0 + 2880, no data;</li>
     *   <li>image: one header block at 2,880, data at 5,760: BITPIX -32, so 4 x 2 x 1248 x 2136 x 2078
     *       = 44,315,062,272 bytes, padded to 15,387,175 blocks = 44,315,064,000;</li>
     *   <li>table: header at 5,760 + 44,315,064,000 = 44,315,069,760, 16 blocks (553 cards and END) =
     *       46,080 bytes; data at 44,315,115,840: 1282 x 1248 = 1,599,936 bytes, padded to 556 blocks =
     *       1,601,280;</li>
     *   <li>the file ends at 44,315,115,840 + 1,601,280 = 44,316,717,120.</li>
     * </ul>
     */
    private static List<String> cube(String uri, int camera, int ccd) {
        return List.of(
                "hdu " + uri + " 0 PRIMARY header=0+2880 data=2880+0 naxis=[] SECTOR=22 CAMERA=" + camera + " CCD=" + ccd,
                "hdu " + uri + " 1 IMAGE header=2880+2880 data=5760+44315062272 naxis=[2, 1248, 2136, 2078]",
                "hdu " + uri + " 2 BINTABLE header=44315069760+46080 data=44315115840+1599936 naxis=[1282, 1248]",
                "file " + uri + " ok=true size=44316717120 error=-");
    }

    /** A fresh copy of the consumer project under target/it: its pom, the application's sources and the settings. */
    private static Path assemble(String consumer) throws IOException {
        Path project = WORK.resolve(consumer);
        delete(project);
        Path app = PROJECTS.resolve("app");
        try (Stream<Path> tree = Files.walk(app)) {
            for (Path p : tree.filter(Files::isRegularFile).toList()) {
                Path target = project.resolve(app.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        Files.writeString(project.resolve("pom.xml"), fill(Files.readString(PROJECTS.resolve(consumer).resolve("pom.xml"))));
        Files.writeString(WORK.resolve("settings.xml"), fill(Files.readString(PROJECTS.resolve("settings.xml"))));
        return project;
    }

    /** The text with its {@code @name@} tokens replaced by their values; every token must be known. */
    private static String fill(String text) {
        String thirdParty = Path.of(required("consumer.thirdPartyRepository")).toUri().toString();
        String filled = text
                .replace("@astro-cloud.version@", required("astro-cloud.version"))
                .replace("@resources-plugin.version@", required("resources-plugin.version"))
                .replace("@compiler-plugin.version@", required("compiler-plugin.version"))
                .replace("@thirdPartyRepository@", thirdParty);
        Matcher left = Pattern.compile("@[\\w.-]+@").matcher(filled);
        if (left.find()) {
            fail("unknown token " + left.group());
        }
        return filled;
    }

    /**
     * Runs the Maven that runs this build in {@code project}, with the consumers' settings and
     * local repository; offline (but for file: repositories) when this build is.
     */
    private static void mvn(Path project, String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-ntp", "-e",
                "-s", WORK.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + required("consumer.repository")));
        if (Boolean.parseBoolean(System.getProperty("consumer.offline"))) {
            command.addAll(List.of("-o", "-Daether.offline.protocols=file"));
        }
        command.addAll(List.of(goals));
        Path log = project.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        int exit = await(builder.start(), BUILD_TIMEOUT, log);
        assertEquals(0, exit, () -> String.join(" ", command) + " failed; the end of " + log + ":\n" + tail(log, 60));
    }

    /** Runs the consumer's application on its runtime class path; returns what it printed on stdout. */
    private static List<String> runApp(Path project, String... args) throws IOException, InterruptedException {
        String classpath = project.resolve("target/classes") + File.pathSeparator
                + Files.readString(project.resolve("classpath.txt")).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "example.ScanHeaders"));
        command.addAll(List.of(args));
        Path out = project.resolve("app.out");
        Path err = project.resolve("app.err");
        Process app = new ProcessBuilder(command).directory(project.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = await(app, RUN_TIMEOUT, err);
        List<String> printed = Files.readAllLines(out);
        assertEquals(0, exit, () -> "the application failed; it printed:\n" + String.join("\n", printed)
                + "\nand on stderr:\n" + tail(err, 40));
        return printed;
    }

    private static int await(Process process, Duration timeout, Path log) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("no end after " + timeout + "; the end of " + log + ":\n" + tail(log, 60));
        }
        return process.exitValue();
    }

    /**
     * The artifacts of a {@code dependency:tree} text file, the project itself left out: from each
     * line's {@code group:artifact:type[:classifier]:version:scope}, all but the scope.
     */
    private static Set<String> resolved(Path tree) throws IOException {
        List<String> lines = Files.readAllLines(tree);
        return lines.stream().skip(1)
                .map(line -> line.replaceFirst("^[|+\\\\\\- ]+", "").split(" ")[0])
                .filter(a -> !a.isEmpty())
                .map(a -> a.substring(0, a.lastIndexOf(':')))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String version(String artifact) {
        return artifact.substring(artifact.lastIndexOf(':') + 1);
    }

    /** The Maven of this build: maven.home (set by failsafe from the running Maven), else MAVEN_HOME, else mvn on the PATH. */
    private static String maven() {
        String executable = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        for (String home : new String[] {System.getProperty("maven.home"), System.getenv("MAVEN_HOME")}) {
            if (home != null && !home.isBlank() && !home.contains("${")) {
                return Path.of(home, "bin", executable).toString();
            }
        }
        return executable;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (failsafe sets it: run through Maven)");
        }
        return value;
    }
}
