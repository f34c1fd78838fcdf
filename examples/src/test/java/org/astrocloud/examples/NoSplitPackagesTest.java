package org.astrocloud.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package of ours lies in two of our artifacts (a split package breaks on the module path): every
 * {@code org.astrocloud} package on this module's class path (core, http, s3, testdata, testservers
 * and this module) comes from one jar or classes folder. Test code is left out: tests share their
 * package with the code they test, as usual.
 */
class NoSplitPackagesTest {

    @Test
    void everyPackageShouldComeFromOneArtifact() throws IOException {
        Map<String, Set<String>> where = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("-tests.jar") || entry.contains("test-classes")) {
                continue;
            }
            for (String pkg : packages(Path.of(entry))) {
                where.computeIfAbsent(pkg, p -> new TreeSet<>()).add(entry);
            }
        }
        assertTrue(where.containsKey("org.astrocloud.fits") && where.containsKey("org.astrocloud.http"),
                () -> "the check sees our artifacts: " + where.keySet());
        Map<String, Set<String>> split = new TreeMap<>();
        where.forEach((pkg, entries) -> {
            if (entries.size() > 1) {
                split.put(pkg, entries);
            }
        });
        assertEquals(Map.of(), split);
    }

    private static Set<String> packages(Path entry) throws IOException {
        Set<String> out = new TreeSet<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .map(f -> entry.relativize(f.getParent() == null ? entry : f.getParent()).toString().replace(File.separatorChar, '.'))
                        .filter(p -> p.startsWith("org.astrocloud"))
                        .forEach(out::add);
            }
        } else if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("org/astrocloud/") && n.endsWith(".class") && !n.startsWith("META-INF"))
                        .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                        .forEach(out::add);
            }
        }
        return out;
    }
}
