package org.astrocloud.fits.data;

import java.nio.ByteBuffer;

/**
 * The next bytes of a download's output, in order, and what the source said about the object with
 * them.
 *
 * @param data the bytes
 * @param seen the object's identity as the answer these bytes came in told it, or {@code null} for
 *        bytes that did not come from the source (the primary stub, zero padding)
 * @param first whether these are the first bytes from the source in this run
 */
record Piece(ByteBuffer data, ObjectIdentity seen, boolean first) {

    static Piece literal(ByteBuffer data) {
        return new Piece(data, null, false);
    }
}
