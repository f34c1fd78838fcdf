package org.astrocloud.fits.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Gzip members written by hand, with the optional header fields that the JDK's writer never writes. */
public final class GzipBytes {
    private GzipBytes() {
    }

    private static byte[] deflateRaw(byte[] bytes, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void le32(ByteArrayOutputStream out, long v) {
        out.write((int) (v & 0xff));
        out.write((int) (v >>> 8 & 0xff));
        out.write((int) (v >>> 16 & 0xff));
        out.write((int) (v >>> 24 & 0xff));
    }

    /**
     * A gzip member written by hand: magic, CM = 8, {@code flags}, MTIME 0, XFL 0, OS 255, then
     * the optional fields the flags name, the raw deflate stream, CRC-32 and ISIZE little-endian.
     */
    public static byte[] handMadeGzip(byte[] content, int flags, byte[] extra, String name, String comment) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 255});
        if ((flags & 0x04) != 0) {
            h.write(extra.length & 0xff);
            h.write(extra.length >>> 8 & 0xff);
            h.writeBytes(extra);
        }
        if ((flags & 0x08) != 0) {
            h.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            h.write(0);
        }
        if ((flags & 0x10) != 0) {
            h.writeBytes(comment.getBytes(StandardCharsets.ISO_8859_1));
            h.write(0);
        }
        if ((flags & 0x02) != 0) {
            CRC32 headerCrc = new CRC32();
            headerCrc.update(h.toByteArray());
            long v = headerCrc.getValue();
            h.write((int) (v & 0xff));
            h.write((int) (v >>> 8 & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.toByteArray());
        out.writeBytes(deflateRaw(content, Deflater.BEST_COMPRESSION));
        CRC32 crc = new CRC32();
        crc.update(content);
        le32(out, crc.getValue());
        le32(out, content.length);
        return out.toByteArray();
    }
}
