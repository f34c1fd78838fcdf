package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Command-line arguments to URIs. */
class InputsTest {

    @Test
    void s3GlobsShouldKeepTheirWildcardsInThePath() {
        URI glob = Inputs.toUri("s3://stpubdata/tess/public/mast/tess-s002?-[12]-*-cube.fits");
        assertEquals("s3", glob.getScheme());
        assertEquals("stpubdata", glob.getAuthority());
        assertEquals("/tess/public/mast/tess-s002?-[12]-*-cube.fits", glob.getPath());
        assertEquals(null, glob.getQuery());
    }

    @Test
    void localPathsShouldBecomeAbsoluteFileUris() {
        URI u = Inputs.toUri("some/dir/../file.fits");
        assertEquals("file", u.getScheme());
        assertEquals(Path.of("some/file.fits").toAbsolutePath().toString(), Path.of(u).toString());
        assertEquals(URI.create("https://h/x.fits?sig=1"), Inputs.toUri("https://h/x.fits?sig=1"));
    }
}
