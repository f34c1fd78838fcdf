package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.data.DataReference;
import org.astrocloud.testdata.TessFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --data-refs} gives each hdu line the HDU's data reference, which reads back with
 * {@link DataReference#fromJson}: checked against a sector-22 cube's layout (tess-format.md §2.4).
 */
class DataRefsLineTest {
    @TempDir
    Path dir;

    @Test
    void hduLinesCarryTheirDataReferences() throws Exception {
        Path cube = TessFiles.writeCube(dir.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, 1248);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FitsScanCommand.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "scan", "--data-refs", "--no-summary", cube.toString());
        assertEquals(0, exit, err.toString());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> data = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            data.add(json.readTree(line).get("data"));
        }
        assertEquals(3, data.size());
        assertEquals(0, data.get(0).get("size").asLong());                                   // NAXIS = 0
        assertEquals(5760, data.get(1).get("offset").asLong());
        assertEquals(2L * 1248 * 2136 * 2078 * 4, data.get(1).get("size").asLong());
        assertEquals("[2078,2136,1248,2]", data.get(1).get("numpyShape").toString());
        assertEquals(">f4", data.get(1).get("dtype").asText());
        assertEquals(44_315_115_840L, data.get(2).get("offset").asLong());
        assertEquals(184, data.get(2).get("columns").size());
        DataReference image = DataReference.fromJson(data.get(1).toString());
        assertEquals(1, image.hdu());
        assertEquals(cube.toUri(), image.uri());
        assertFalse(out.toString().contains("\"data\":null"));
    }
}
