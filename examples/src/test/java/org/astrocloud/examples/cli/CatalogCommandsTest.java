package org.astrocloud.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.astrocloud.testdata.TessFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index}, {@code query} and {@code export} end to end over a local range server whose request
 * log counts what each run cost: a second run within the ttl makes no request, {@code --revalidate}
 * one per object, a changed file is walked again; queries and Parquet exports hold the values of the
 * synthetic TESS headers.
 */
class CatalogCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        JsonNode stats() throws Exception {
            String[] lines = out.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FitsScanCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path www() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        TessFiles.writeCube(www.resolve("tess-s0022-1-1-cube.fits"), 22, 1, 1, 40);
        TessFiles.writeCube(www.resolve("tess-s0023-2-3-cube.fits"), 23, 2, 3, 25);
        TessFiles.writeFfi(www.resolve("ffic-1-4.fits"), 1, 4, TessFiles.FfiVariant.STANDARD);
        return www;
    }

    private static String[] index(Path catalog, RangeFileServer server, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("index", "--catalog", catalog.toString(), "--stats",
                "--no-progress", "--concurrency", "4"));
        args.addAll(List.of(extra));
        for (String name : List.of("tess-s0022-1-1-cube.fits", "tess-s0023-2-3-cube.fits", "ffic-1-4.fits")) {
            args.add(server.url(name));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void aSecondIndexWithinTheTtlMakesNoRequestRevalidateOneEachAndAChangedFileIsWalked() throws Exception {
        Path www = www();
        Path catalog = dir.resolve("tess.duckdb");
        try (RangeFileServer server = RangeFileServer.serving(www)) {
            Run first = run(index(catalog, server));
            assertEquals(0, first.exit(), first.err());
            JsonNode s1 = first.stats();
            assertEquals("index", s1.get("type").asText());
            assertEquals(3, s1.get("files").asInt());
            assertEquals(3, s1.get("scanned").asInt());
            assertEquals(3, s1.get("new").asInt());
            int walkRequests = server.requests().size();
            assertEquals(walkRequests, s1.get("requests").asInt());
            assertTrue(first.err().contains("3 new, 0 changed, 0 unchanged"), first.err());

            Run second = run(index(catalog, server));
            assertEquals(0, second.exit(), second.err());
            assertEquals(walkRequests, server.requests().size(), "no request within the ttl");
            JsonNode s2 = second.stats();
            assertEquals(3, s2.get("unchanged").asInt());
            assertEquals(0, s2.get("scanned").asInt());
            assertEquals(0, s2.get("requests").asInt());
            assertEquals(0, s2.get("listRequests").asInt());

            Run third = run(index(catalog, server, "--revalidate"));
            assertEquals(0, third.exit(), third.err());
            assertEquals(walkRequests + 3, server.requests().size(), () -> third.out() + third.err()
                    + server.requests().subList(walkRequests, server.requests().size()));
            assertEquals(3, third.stats().get("revalidations").asInt());
            assertEquals(3, third.stats().get("unchanged").asInt());

            TessFiles.writeCube(www.resolve("tess-s0023-2-3-cube.fits"), 23, 2, 3, 30);   // another size
            int before = server.requests().size();
            Run fourth = run(index(catalog, server, "--ttl", "1ms"));
            assertEquals(0, fourth.exit(), fourth.err());
            JsonNode s4 = fourth.stats();
            assertEquals(1, s4.get("changed").asInt(), fourth.err());
            assertEquals(2, s4.get("unchanged").asInt());
            assertTrue(server.requests().size() - before > 3, "the changed cube was read again");
        }

        Run frames = run("query", "--catalog", catalog.toString(), "--format", "csv",
                "SELECT h.uri, h.naxis[2] AS frames FROM hdus h WHERE h.hdu = 1 AND h.uri LIKE '%cube%' ORDER BY 1");
        assertEquals(0, frames.exit(), frames.err());
        List<String> lines = frames.out().strip().lines().toList();
        assertEquals("uri,frames", lines.get(0));
        assertTrue(lines.get(1).endsWith("tess-s0022-1-1-cube.fits,40"), lines.toString());
        assertTrue(lines.get(2).endsWith("tess-s0023-2-3-cube.fits,30"), lines.toString());
    }

    @Test
    void queriesSeeTheHeaderValuesAndExportsReadBack() throws Exception {
        Path www = www();
        Path catalog = dir.resolve("tess.duckdb");
        try (RangeFileServer server = RangeFileServer.serving(www)) {
            assertEquals(0, run(index(catalog, server)).exit());
        }
        Run wide = run("query", "--catalog", catalog.toString(), "--format", "jsonl", "--wide", "sector,CAMERA,CCD,NAXIS2",
                "SELECT SECTOR, CAMERA, CCD, NAXIS2 FROM wide_files ORDER BY uri");
        assertEquals(0, wide.exit(), wide.err());
        List<String> rows = wide.out().strip().lines().toList();
        assertEquals(3, rows.size(), wide.out());
        // ffic-1-4 sorts first: its primary has no SECTOR of ours; CAMERA and CCD come from its cal extension
        JsonNode ffi = JSON.readTree(rows.get(0));
        assertEquals(1, ffi.get("CAMERA").asInt());
        assertEquals(4, ffi.get("CCD").asInt());
        JsonNode cube22 = JSON.readTree(rows.get(1));
        assertEquals(22, cube22.get("SECTOR").asInt());
        assertEquals(1, cube22.get("CAMERA").asInt());
        assertEquals(40, cube22.get("NAXIS2").asInt(), "NAXIS2 of the first HDU that has it: the frames");
        JsonNode cube23 = JSON.readTree(rows.get(2));
        assertEquals(List.of(23, 2, 3), List.of(cube23.get("SECTOR").asInt(), cube23.get("CAMERA").asInt(),
                cube23.get("CCD").asInt()));

        Run table = run("query", "--catalog", catalog.toString(), "SELECT count(*) AS n, min(outcome) AS o FROM files");
        assertEquals(0, table.exit(), table.err());
        assertEquals(List.of("n  o", "3  ok"), table.out().strip().lines().toList());

        Run readOnly = run("query", "--catalog", catalog.toString(), "DELETE FROM files");
        assertEquals(1, readOnly.exit());
        assertTrue(readOnly.err().contains("read-only"), readOnly.err());

        Path out = dir.resolve("parquet");
        Run export = run("export", "--catalog", catalog.toString(), "--parquet", out.toString(), "--partition-by",
                "SECTOR,outcome");
        assertEquals(0, export.exit(), export.err());
        assertTrue(Files.isDirectory(out.resolve("cards").resolve("SECTOR=22").resolve("outcome=ok")), export.err());
        Run back = run("query", "--catalog", catalog.toString(), "--format", "csv",
                "SELECT SECTOR, count(*) AS cards, count(DISTINCT uri) AS files FROM read_parquet('"
                        + out.resolve("cards") + "/**/*.parquet', hive_partitioning = true) GROUP BY SECTOR ORDER BY SECTOR");
        assertEquals(0, back.exit(), back.err());
        Run expected = run("query", "--catalog", catalog.toString(), "--format", "csv", "--wide", "SECTOR",
                "SELECT w.SECTOR, count(*) AS cards, count(DISTINCT c.uri) AS files FROM cards c JOIN wide_files w"
                        + " USING (uri) GROUP BY w.SECTOR ORDER BY w.SECTOR");
        assertEquals(expected.out(), back.out());
        assertTrue(back.out().contains("\n22,"), back.out());

        Run plain = run("export", "--catalog", catalog.toString(), "--parquet", dir.resolve("flat").toString());
        assertEquals(0, plain.exit(), plain.err());
        Run hdus = run("query", "--catalog", catalog.toString(), "--format", "csv", "SELECT count(*) AS n,"
                + " sum(octet_length(header)) AS bytes FROM read_parquet('" + dir.resolve("flat").resolve("hdus.parquet") + "')");
        Run hdusHere = run("query", "--catalog", catalog.toString(), "--format", "csv",
                "SELECT count(*) AS n, sum(octet_length(header)) AS bytes FROM hdus");
        assertEquals(hdusHere.out(), hdus.out());
        assertFalse(hdus.out().contains(",0\n"));
    }

    @Test
    void queryMasksSecretsUnlessAskedAndRefusesAMissingCatalog() throws Exception {
        Run missing = run("query", "--catalog", dir.resolve("none.duckdb").toString(), "SELECT 1");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no catalog"), missing.err());
        Path catalog = dir.resolve("c.duckdb");
        try (RangeFileServer server = RangeFileServer.serving(www())) {
            String signed = server.url("ffic-1-4.fits") + "?X-Amz-Signature=topsecret";
            assertEquals(0, run("index", "--catalog", catalog.toString(), "--no-progress", signed).exit());
        }
        Run masked = run("query", "--catalog", catalog.toString(), "--format", "jsonl",
                "SELECT f.uri, h.data_ref FROM files f JOIN hdus h USING (uri) WHERE h.hdu = 1");
        assertFalse(masked.out().contains("topsecret"), masked.out());
        assertTrue(masked.out().contains("X-Amz-Signature=****"), masked.out());
        Run exact = run("query", "--catalog", catalog.toString(), "--no-redact", "SELECT uri FROM files");
        assertTrue(exact.out().contains("topsecret"), exact.out());
    }
}
