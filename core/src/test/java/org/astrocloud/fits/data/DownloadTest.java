package org.astrocloud.fits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.astrocloud.fits.error.PermanentSourceException;
import org.astrocloud.fits.spi.ByteRange;
import org.astrocloud.fits.spi.ByteRangeSource;
import org.astrocloud.fits.spi.ByteRangeSources;
import org.astrocloud.fits.spi.RangeBytes;
import org.astrocloud.fits.spi.SourceOptions;
import org.astrocloud.fits.testkit.ForwardingSource;
import org.astrocloud.fits.testkit.TestProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Resuming and starting over, judged on local files read through the real file source, with the
 * answers delivered on Reactor's non-blocking threads under BlockHound (as a Netty source delivers
 * them), an ETag added to them as an HTTP source would, and a cut after so many bytes.
 */
class DownloadTest {
    private static final int SIZE = 500_000;
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    private final AtomicReference<String> etag = new AtomicReference<>();
    private final AtomicLong cutAfter = new AtomicLong(Long.MAX_VALUE);
    /** What the served answers held, for the number of source bytes. */
    private final AtomicLong served = new AtomicLong();

    @BeforeAll
    static void installBlockHound() {
        ByteRangeSources.installed();
        BlockHound.install();
    }

    /** The file source, answering on the parallel scheduler, with {@link #etag} and cut after {@link #cutAfter} bytes. */
    private final class ServedSource extends ForwardingSource {
        ServedSource(ByteRangeSource delegate) {
            super(delegate);
        }

        @Override
        public Mono<RangeBytes> read(ByteRange range) {
            return super.read(range).publishOn(Schedulers.parallel()).handle((bytes, sink) -> {
                if (bytes.offset() + bytes.length() > cutAfter.get()) {
                    sink.error(new PermanentSourceException("cut by the test", uri(), bytes.offset()));
                    return;
                }
                served.addAndGet(bytes.length());
                String tag = etag.get();
                sink.next(tag == null ? bytes : bytes.withValidator(tag));
            });
        }

        @Override
        public Flux<RangeBytes> stream(ByteRange range) {
            return ByteRangeSource.inChunks(this, range, CHUNK);
        }
    }

    private Downloads downloads() {
        return Downloads.create().sources(ByteRangeSources.of(List.of(new TestProvider("file",
                uri -> new ServedSource(ByteRangeSources.installed().get(uri, SourceOptions.empty()))))));
    }

    private Path object() throws Exception {
        byte[] bytes = new byte[SIZE];
        new Random(7).nextBytes(bytes);
        return Files.write(dir.resolve("object.bin"), bytes);
    }

    private DownloadResult get(URI uri, Path out) {
        return downloads().get(uri).writeTo(out).block(Duration.ofSeconds(30));
    }

    /** A first run cut after three chunks: the part holds them. */
    private void cutRun(URI uri, Path out) throws Exception {
        cutAfter.set(3L * CHUNK + 100);
        assertThrows(PermanentSourceException.class, () -> get(uri, out));
        assertEquals(3L * CHUNK, Files.size(dir.resolve(out.getFileName() + ".part")));
        cutAfter.set(Long.MAX_VALUE);
        served.set(0);
    }

    @Test
    void anUnchangedObjectShouldResumeAndReadOnlyTheRest() throws Exception {
        Path file = object();
        Path out = dir.resolve("out.bin");
        etag.set("\"v1\"");
        cutRun(file.toUri(), out);
        assertTrue(Files.readString(dir.resolve("out.bin.part.json")).contains("\"validator\": \"\\\"v1\\\"\""));

        DownloadResult r = get(file.toUri(), out);

        assertEquals(3L * CHUNK, r.resumedFrom());
        assertFalse(r.restarted());
        assertEquals(SIZE - 3L * CHUNK, r.bytesWritten());
        assertEquals(r.bytesWritten(), r.bytesRead());
        assertEquals(r.bytesWritten(), served.get());
        assertEquals(java.util.Optional.of("\"v1\""), r.validator());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out));
        assertFalse(Files.exists(dir.resolve("out.bin.part")) || Files.exists(dir.resolve("out.bin.part.json")));
    }

    @Test
    void aNewEtagOfTheSameSizeShouldStartOver() throws Exception {
        Path file = object();
        Path out = dir.resolve("out.bin");
        etag.set("\"v1\"");
        cutRun(file.toUri(), out);
        etag.set("\"v2\"");

        DownloadResult r = get(file.toUri(), out);

        assertTrue(r.restarted());
        assertEquals(0, r.resumedFrom());
        assertEquals(SIZE, r.bytesWritten());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out));
    }

    @Test
    void aNewLastModifiedTimeShouldStartOverWithoutAValidator() throws Exception {
        Path file = object();
        Path out = dir.resolve("out.bin");
        cutRun(file.toUri(), out);
        byte[] changed = Files.readAllBytes(file);
        Arrays.fill(changed, 0, 1000, (byte) 1);
        Files.write(file, changed);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));

        DownloadResult r = get(file.toUri(), out);

        assertTrue(r.restarted());
        assertArrayEquals(changed, Files.readAllBytes(out));
    }

    @Test
    void anEtagChangingDuringTheDownloadShouldFailIt() throws Exception {
        Path file = object();
        Path out = dir.resolve("out.bin");
        etag.set("\"v1\"");
        Download download = downloads().get(file.toUri()).onProgress(p -> {
            if (p.done() >= 2L * CHUNK) {
                etag.set("\"v2\"");
            }
        });
        PermanentSourceException e = assertThrows(PermanentSourceException.class,
                () -> download.writeTo(out).block(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("changed during the download"), e.getMessage());

        DownloadResult r = get(file.toUri(), out);
        assertTrue(r.restarted(), "the part holds bytes of v1");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out));
    }

    @Test
    void aRangeShouldReadExactlyItsBytesAndCheckTheEnd() throws Exception {
        Path file = object();
        DownloadResult r = downloads().get(file.toUri()).range(ByteRange.of(1, 200_000)).writeTo(dir.resolve("r.bin"))
                .block(Duration.ofSeconds(30));
        assertEquals(200_000, r.bytesRead());
        assertEquals(200_000, served.get());
        assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(file), 1, 200_001), Files.readAllBytes(dir.resolve("r.bin")));

        RangePastEndException past = assertThrows(RangePastEndException.class, () -> downloads().get(file.toUri())
                .range(ByteRange.of(SIZE - 10, 11)).writeTo(dir.resolve("p.bin")).block(Duration.ofSeconds(30)));
        assertEquals(SIZE, past.objectSize());
        assertFalse(Files.exists(dir.resolve("p.bin")));
    }

    @Test
    void theSidecarShouldReadBackWhatWasWritten() {
        Sidecar s = new Sidecar("https://host/a%20b.fits?X-Amz-Signature=REDACTED", "hdu 2", 5760, 2_000_000,
                new ObjectIdentity(44_316_717_120L, "W/\"a\\b\"", 1234));
        assertEquals(java.util.Optional.of(s), Sidecar.parse(s.toJson()));
        Sidecar none = s.with(ObjectIdentity.UNKNOWN);
        assertEquals(java.util.Optional.of(none), Sidecar.parse(none.toJson()));
        assertEquals(java.util.Optional.empty(), Sidecar.parse("{\"uri\": \"x\"}"));
    }

    @Test
    void thePrimaryStubShouldBeOneBlockOfFixedFormatCards() {
        String stub = new String(PrimaryStub.bytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(2880, stub.length());
        assertEquals("SIMPLE  =                    T", stub.substring(0, 30));
        assertEquals("BITPIX  =                    8", stub.substring(80, 110));
        assertEquals("NAXIS   =                    0", stub.substring(160, 190));
        assertEquals("EXTEND  =                    T", stub.substring(240, 270));
        assertEquals(String.format("%-80s", "END"), stub.substring(320, 400));
        assertEquals(" ".repeat(2880 - 400), stub.substring(400));
    }
}
