package org.astrocloud.fits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.astrocloud.fits.FitsHeader;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.HduKind;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * References to the data units of a full-size sparse sector-22 cube, checked against the cube's
 * layout (tess-format.md §2.2-2.4): the image at 5760, 2 x 1248 x 2136 x 2078 float32; the frame
 * table of 1248 rows of 1282 bytes and 184 columns (the 183 keywords of an FFI's extension 1 and
 * FFI_FILE) after the padded image.
 */
class DataReferenceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static List<FitsHeader> cube;

    @BeforeAll
    static void scan() {
        Path file = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, 1248);
        cube = FitsScanner.create().scan(file.toUri()).collectList().block(TIMEOUT);
    }

    @Test
    void theCubeImageIsWhereItsLayoutSays() {
        DataReference image = DataReference.of(cube.get(1));
        assertEquals(HduKind.IMAGE, image.kind());
        assertEquals(5760, image.offset());
        assertEquals(2L * 1248 * 2136 * 2078 * 4, image.size());           // 44,315,062,272
        assertArrayEquals(new long[] {2, 1248, 2136, 2078}, image.fitsShape());
        assertArrayEquals(new long[] {2078, 2136, 1248, 2}, image.numpyShape());
        assertEquals(ElementType.FLOAT32, image.elementType().orElseThrow());
        assertEquals(">f4", image.elementType().orElseThrow().numpyDtype());
        assertFalse(image.isScaled());
        assertTrue(image.columns().isEmpty());
    }

    @Test
    void theFrameTableIsWhereItsLayoutSays() {
        DataReference table = DataReference.of(cube.get(2));
        long padded = (2L * 1248 * 2136 * 2078 * 4 + 2879) / 2880 * 2880;
        assertEquals(5760 + padded + 16 * 2880, table.offset());             // 44,315,115,840 (§2.4)
        assertEquals(44_315_115_840L, table.offset());
        assertEquals(1248, table.rows());
        assertEquals(1282, table.rowLength());
        assertEquals(1248L * 1282, table.size());
        assertEquals(184, table.columns().size());
        assertEquals(1248L * 1282, table.heapOffset());                         // THEAP absent: right after the rows
        assertEquals(0, table.heapSize());
        long width = 0;
        for (TableColumn c : table.columns()) {
            assertEquals(width, c.offset(), c.name());
            width += c.width();
        }
        assertEquals(1282, width, "the columns fill the row");
        assertEquals("FFI_FILE", table.columns().get(183).name());
        assertEquals(table.column("ffi_file").orElseThrow(), table.columns().get(183));
    }

    @Test
    void jsonAndJavaSerialisationGiveTheSameReferenceBack() throws Exception {
        for (FitsHeader h : cube) {
            DataReference ref = DataReference.of(h);
            assertEquals(ref, DataReference.fromJson(ref.toJson()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(ref);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertEquals(ref, in.readObject());
            }
        }
    }

    @Test
    void jsonCarriesTheNumpyViewAndRedactsTheUri() {
        DataReference ref = DataReference.of(cube.get(1))
                .withUri(URI.create("https://a:secret@h.example/c.fits?X-Amz-Signature=abc123&x=1"));
        String json = ref.toJson();
        assertTrue(json.contains("\"numpyShape\":[2078,2136,1248,2]"), json);
        assertTrue(json.contains("\"dtype\":\">f4\""), json);
        assertFalse(json.contains("secret") || json.contains("abc123"), json);
        assertEquals(ref, DataReference.fromJson(ref.toJson(false)));
    }

    @Test
    void notAReferenceIsATypedError() {
        assertThrows(IllegalArgumentException.class, () -> DataReference.fromJson("{\"hdu\":1}"));
        assertThrows(IllegalArgumentException.class, () -> DataReference.fromJson("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> DataReference.fromJson("{\"uri\":\"x:/y\",\"kind\":\"NOPE\"}"));
    }
}
