package org.astrocloud.gcs;

import com.google.auth.oauth2.GoogleCredentials;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the GCS source authorizes its requests: set with {@link GcsOptions#CREDENTIALS}. Every kind but
 * {@link #anonymous()} sends {@code Authorization: Bearer} with an OAuth access token of scope
 * {@code devstorage.read_only}, from google-auth-library. Tokens are fetched and refreshed on Reactor's
 * bounded-elastic scheduler, never on an event loop, shared by the reads of one provider, and refreshed
 * five minutes before they expire. Tokens never appear in {@code toString()}, logs or messages.
 *
 * <pre>{@code
 * FitsScanner pub = FitsScanner.create().option(GcsOptions.CREDENTIALS, GcsCredentials.anonymous());
 * FitsScanner sa = FitsScanner.create()
 *         .option(GcsOptions.CREDENTIALS, GcsCredentials.serviceAccountFile(Path.of("reader-key.json")));
 * }</pre>
 */
public final class GcsCredentials {
    enum Kind { AUTOMATIC, APPLICATION_DEFAULT, ANONYMOUS, FILE, GIVEN }

    private static final GcsCredentials AUTOMATIC = new GcsCredentials(Kind.AUTOMATIC, null, null);
    private static final GcsCredentials APPLICATION_DEFAULT = new GcsCredentials(Kind.APPLICATION_DEFAULT, null, null);
    private static final GcsCredentials ANONYMOUS = new GcsCredentials(Kind.ANONYMOUS, null, null);

    private final Kind kind;
    private final Path file;
    private final GoogleCredentials given;

    private GcsCredentials(Kind kind, Path file, GoogleCredentials given) {
        this.kind = kind;
        this.file = file;
        this.given = given;
    }

    /**
     * The default: application default credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's
     * {@code application_default_credentials.json}, the metadata server on Google Cloud) when there are any,
     * else anonymous requests, which public buckets answer.
     */
    public static GcsCredentials automatic() {
        return AUTOMATIC;
    }

    /** Application default credentials only: reads fail as denied when there are none. */
    public static GcsCredentials applicationDefault() {
        return APPLICATION_DEFAULT;
    }

    /** No {@code Authorization} header: for public buckets. */
    public static GcsCredentials anonymous() {
        return ANONYMOUS;
    }

    /** The credentials of a JSON key file (a service account's, or any type google-auth-library reads). */
    public static GcsCredentials serviceAccountFile(Path file) {
        return new GcsCredentials(Kind.FILE, Objects.requireNonNull(file, "file"), null);
    }

    /** Credentials made by the application; scoped to {@code devstorage.read_only} when they need a scope. */
    public static GcsCredentials of(GoogleCredentials credentials) {
        return new GcsCredentials(Kind.GIVEN, null, Objects.requireNonNull(credentials, "credentials"));
    }

    Kind kind() {
        return kind;
    }

    Path file() {
        return file;
    }

    GoogleCredentials given() {
        return given;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GcsCredentials other && kind == other.kind && Objects.equals(file, other.file)
                && given == other.given;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, file, given == null ? 0 : System.identityHashCode(given));
    }

    @Override
    public String toString() {
        return "GcsCredentials[" + kind.name().toLowerCase(java.util.Locale.ROOT) + (file == null ? "" : " " + file) + "]";
    }
}
