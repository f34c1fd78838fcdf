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
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.Fits;
import org.astrocloud.examples.ChecksummedFiles;
import org.astrocloud.testservers.RangeFileServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fits-scan verify} end to end: output lines and exit codes for good, corrupted, plain and unreadable files. */
class VerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path good;
    private Path corrupted;

    private record Run(int exit, List<String> out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FitsScanCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        List<String> lines = out.toString().isEmpty() ? List.of() : List.of(out.toString().split("\n"));
        return new Run(exit, lines, err.toString());
    }

    @BeforeEach
    void files() throws Exception {
        good = ChecksummedFiles.write(dir.resolve("good.fits"), 30, 40, 7);
        // a byte in the middle of the extension's data unit: HDU 0 is 2880 + 4800 padded to 5760, HDU 1's header 2880
        corrupted = ChecksummedFiles.flipped(good, dir.resolve("corrupted.fits"), 2880 + 5760 + 2880 + 50);
    }

    @Test
    void aGoodFilePrintsNothingAndExitsZero() {
        Run run = run("verify", good.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(), run.out());
        assertTrue(run.err().contains("1 file, 2 HDUs: 2 OK, 0 failed, 0 without checksums, 0 unreadable"), run.err());
    }

    @Test
    void aCorruptedFilePrintsOneLinePerProblemAndExitsThree() {
        Run run = run("verify", good.toString(), corrupted.toString());
        assertEquals(VerifyCommand.BAD, run.exit(), run.err());
        assertEquals(2, run.out().size(), run.out().toString());
        assertEquals(corrupted + ": HDU 1: Checksum verification failed", run.out().get(0));
        assertTrue(run.out().get(1).startsWith(corrupted + ": HDU 1: Datasum verification failed (DATASUM "),
                run.out().get(1));
        assertTrue(run.err().contains("2 files, 4 HDUs: 3 OK, 1 failed"), run.err());
    }

    @Test
    void missingChecksumsAreProblemsUnlessIgnored() throws Exception {
        Path plain = dir.resolve("plain.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(new int[4][5]));
            fits.write(plain.toFile());
        }
        Run run = run("verify", plain.toString());
        assertEquals(VerifyCommand.BAD, run.exit(), run.err());
        assertEquals(List.of(plain + ": HDU 0: Checksum not found", plain + ": HDU 0: Datasum not found"), run.out());

        Run ignoring = run("verify", "--ignore-missing", plain.toString());
        assertEquals(0, ignoring.exit(), ignoring.err());
        assertEquals(List.of(), ignoring.out());
    }

    @Test
    void anUnreadableFileIsOneErrorLineAndExitOneAndTheOthersAreStillVerified() throws Exception {
        Path notFits = Files.writeString(dir.resolve("notes.fits"), "not a FITS file at all ".repeat(200));
        Run run = run("verify", notFits.toString(), good.toString(), dir.resolve("missing.fits").toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals(List.of(), run.out());
        assertTrue(run.err().contains("fits-scan verify: " + notFits + ": NotFitsException"), run.err());
        assertTrue(run.err().contains("missing.fits"), run.err());
        assertTrue(run.err().contains("2 OK"), run.err());

        Run both = run("verify", notFits.toString(), corrupted.toString());
        assertEquals(VerifyCommand.BAD, both.exit(), "a failed checksum wins over an unreadable file");
    }

    @Test
    void statsAndJsonOverHttpWithTheUriRedacted() throws Exception {
        try (RangeFileServer server = RangeFileServer.serving(dir)) {
            String url = server.url("corrupted.fits") + "?X-Amz-Signature=secret";
            Run text = run("verify", "--stats", url);
            assertEquals(VerifyCommand.BAD, text.exit(), text.err());
            assertFalse(String.join("\n", text.out()).contains("secret"));
            String last = text.out().get(text.out().size() - 1);
            assertTrue(last.matches(".*corrupted\\.fits\\?X-Amz-Signature=\\*+: 2 HDUs, \\d+ requests, \\d+ bytes read"), last);
            assertTrue(text.err().contains(" requests, "), text.err());

            Run json = run("verify", "--json", "--stats", url);
            assertEquals(VerifyCommand.BAD, json.exit(), json.err());
            List<JsonNode> lines = new ArrayList<>();
            for (String line : json.out()) {
                lines.add(JSON.readTree(line));
            }
            assertEquals(3, lines.size(), json.out().toString());
            assertEquals("OK", lines.get(0).get("checksum").asText());
            assertEquals("BAD", lines.get(1).get("checksum").asText());
            assertEquals("BAD", lines.get(1).get("datasum").asText());
            assertFalse(lines.get(1).get("datasumCard").asText().equals(lines.get(1).get("computedDatasum").asText()));
            assertEquals("file", lines.get(2).get("type").asText());
            assertTrue(lines.get(2).get("requests").asLong() >= 2);
            assertFalse(json.out().toString().contains("secret"));
        }
    }
}
