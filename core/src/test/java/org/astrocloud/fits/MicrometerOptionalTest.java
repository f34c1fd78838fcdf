package org.astrocloud.fits;

import org.astrocloud.fits.micrometer.MicrometerScanListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is optional: core loads and scans without it, and only {@link MicrometerScanListener}
 * names a Micrometer type.
 */
class MicrometerOptionalTest {
    private static final String MICROMETER = "io.micrometer.";

    @TempDir
    Path dir;

    /**
     * Defines core's (and the tests') classes itself, child-first, from the same bytes as the
     * application class loader, and refuses every Micrometer class, recording each one asked for.
     */
    private static final class NoMicrometerLoader extends ClassLoader {
        final Set<String> defined = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();

        NoMicrometerLoader(ClassLoader parent) {
            super("no-micrometer", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(MICROMETER)) {
                refused.add(name);
                throw new ClassNotFoundException(name + " is hidden by this test");
            }
            if (!name.startsWith("org.astrocloud.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = define(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                defined.add(name);
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    @Test
    void plainScanShouldRunWithoutMicrometerOnTheClassPath() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("cube.fits"), 22, 1, 1, TessFiles.SECTOR_22_FFIS);
        NoMicrometerLoader loader = new NoMicrometerLoader(getClass().getClassLoader());
        Class<?> scan = loader.loadClass(MicrometerFreeScan.class.getName());
        assertTrue(scan.getClassLoader() == loader, "the scan runs on classes the test's loader defined");

        @SuppressWarnings("unchecked")
        Function<Path, String> run = (Function<Path, String>) scan.getConstructor().newInstance();
        String seen = run.apply(cube);

        assertEquals("ok=true hdus=3 requests=2 streamed=3 files=2 totalRequests=4", seen);
        assertTrue(loader.defined.contains(FitsScanner.class.getName()));
        assertTrue(loader.defined.contains("org.astrocloud.fits.source.FileByteRangeSource"), "read by core's own file source");
        assertEquals(Set.of(), loader.refused, "no Micrometer class was asked for");
        assertFalse(loader.defined.contains(MicrometerScanListener.class.getName()), "the Micrometer binding was never loaded");

        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader));
        assertFalse(loader.refused.isEmpty(), "the loader really hides Micrometer");
    }

    @Test
    void fitsScannerShouldNameNoMicrometerTypeInItsSignaturesOrFields() {
        for (Class<?> type : List.of(FitsScanner.class, ScanTotals.class, ScanResult.class, Listeners.class,
                ScanListener.class, ScanSettings.class, FileTally.class, FileFigures.class, TimedSource.class)) {
            List<String> named = new ArrayList<>();
            for (Method m : type.getDeclaredMethods()) {
                named.add(m.getGenericReturnType().getTypeName());
                Arrays.stream(m.getGenericParameterTypes()).map(Type::getTypeName).forEach(named::add);
                Arrays.stream(m.getGenericExceptionTypes()).map(Type::getTypeName).forEach(named::add);
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                Arrays.stream(c.getGenericParameterTypes()).map(Type::getTypeName).forEach(named::add);
            }
            for (Field f : type.getDeclaredFields()) {
                named.add(f.getGenericType().getTypeName());
            }
            assertTrue(named.stream().noneMatch(n -> n.contains(MICROMETER)), () -> type + " names " + named);
        }
        assertTrue(Arrays.stream(MicrometerScanListener.class.getDeclaredFields())
                .anyMatch(f -> f.getType().getName().startsWith(MICROMETER)), "the check can see Micrometer types");
    }

    @Test
    void onlyTheMicrometerBindingShouldReferToMicrometerInItsBytecode() throws IOException, URISyntaxException {
        Path classes = Path.of(FitsScanner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "core's classes are a directory in this build: " + classes);
        List<String> referring = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("io/micrometer/")) {
                    referring.add(classes.relativize(f).toString().replace('\\', '/'));
                }
            }
        }
        assertEquals(List.of("org/astrocloud/fits/micrometer/MicrometerScanListener.class"), referring);
    }
}
