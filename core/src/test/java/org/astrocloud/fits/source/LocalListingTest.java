package org.astrocloud.fits.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.error.ObjectNotFoundException;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.ScanResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** {@code FitsScanner.expand} on {@code file:} URIs: directories and globs, as a shell user expects them. */
class LocalListingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @BeforeEach
    void tree() throws Exception {
        for (String name : List.of("b.fits", "a.fits", "notes.txt", ".hidden.fits", "s1/c.fits", "s1/deeper/d.fits",
                "s2/e.fits.gz", ".git/x.fits", "brackets[1].fits")) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[] {1});
        }
    }

    private List<String> expand(String uri) {
        return FitsScanner.create().expand(URI.create(uri)).map(u -> dir.toUri().relativize(u).getPath())
                .collectList().block(TIMEOUT);
    }

    private String base() {
        return dir.toUri().toString();
    }

    @Test
    void directoryShouldListEveryFileBelowItSortedWithoutHiddenNames() {
        assertEquals(List.of("a.fits", "b.fits", "brackets[1].fits", "notes.txt", "s1/c.fits", "s1/deeper/d.fits",
                "s2/e.fits.gz"), expand(base()));
    }

    @Test
    void starShouldMatchWithinOneDirectoryLevel() {
        assertEquals(List.of("a.fits", "b.fits", "brackets[1].fits"), expand(base() + "*.fits"));
        assertEquals(List.of("s1/c.fits"), expand(base() + "*/*.fits"));
    }

    @Test
    void doubleStarShouldMatchAcrossLevels() {
        assertEquals(List.of("s1/c.fits", "s1/deeper/d.fits", "s2/e.fits.gz"), expand(base() + "s*/**"));
    }

    @Test
    void questionMarkClassesAndAlternativesShouldMatchAsTheJdkGlobDoes() {
        assertEquals(List.of("a.fits", "b.fits"), expand(base() + "%3F.fits"));
        assertEquals(List.of("a.fits"), expand(base() + "%5Ba%5D.fits"));
        assertEquals(List.of("a.fits", "notes.txt"), expand(base() + "%7Ba.fits,notes.txt%7D"));
    }

    @Test
    void anExistingFileWhoseNameLooksLikeAGlobShouldBeItself() {
        assertEquals(List.of("brackets[1].fits"), expand(base() + "brackets%5B1%5D.fits"));
    }

    @Test
    void aGlobMatchingNothingShouldBeEmptyAndAMissingBaseDirectoryNotFound() {
        assertEquals(List.of(), expand(base() + "*.nothing"));
        StepVerifier.create(FitsScanner.create().expand(URI.create(base() + "missing/*.fits")))
                .expectError(ObjectNotFoundException.class).verify(TIMEOUT);
    }

    @Test
    void aPlainMissingFileShouldBeItselfSoThatOpeningItSaysWhy() {
        assertEquals(List.of("missing.fits"), expand(base() + "missing.fits"));
    }

    @Test
    void scanningADirectoryShouldSayItIsADirectory() {
        ScanResult r = FitsScanner.create().scanFile(dir.toUri()).block(TIMEOUT);
        assertTrue(r.error().orElseThrow() instanceof PermanentSourceException, r.toString());
        assertTrue(r.error().get().getMessage().contains("is a directory"), r.error().get().getMessage());
    }
}
