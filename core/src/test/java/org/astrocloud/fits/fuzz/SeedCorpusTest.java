package org.astrocloud.fits.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checked-in seed corpus is what {@link SeedCorpus} writes, so it cannot drift from the
 * generator. After changing the generator, rewrite the seeds with
 * {@code mvn -o -pl core -am test -Dtest=SeedCorpusTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.seeds.write=true}
 * and commit them.
 */
class SeedCorpusTest {
    private static final Path RESOURCES = Path.of("src/test/resources");

    @Test
    void checkedInSeedsAreWhatTheGeneratorWrites() throws IOException {
        if (Boolean.getBoolean("fuzz.seeds.write")) {
            SeedCorpus.write(RESOURCES);
        }
        for (Map.Entry<String, byte[]> seed : SeedCorpus.seeds().entrySet()) {
            Path file = RESOURCES.resolve(seed.getKey());
            assertTrue(Files.isRegularFile(file), () -> file + " is missing: rewrite the seeds (see this class)");
            assertArrayEquals(seed.getValue(), Files.readAllBytes(file), () -> file + " differs from what the generator writes");
        }
    }

    @Test
    void seedsAreSmall() {
        SeedCorpus.seeds().forEach((path, bytes) -> assertTrue(bytes.length <= 30 * 1024, () -> path + ": " + bytes.length));
    }
}
