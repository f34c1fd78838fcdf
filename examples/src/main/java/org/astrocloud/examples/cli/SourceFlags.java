package org.astrocloud.examples.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.RootMap;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.http.RequestHeaders;
import org.astrocloud.s3.S3Options;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How the commands that read files reach them: concurrency, read-ahead, root maps, and the HTTP and
 * S3 settings, as one picocli mixin that builds the scanner. Usage errors name no secret.
 */
final class SourceFlags {
    @Option(names = "--concurrency", defaultValue = "64", paramLabel = "N",
            description = "Files read at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--read-ahead", defaultValue = "65536", paramLabel = "BYTES",
            description = "Bytes read at once for a header, at least 2880 (default ${DEFAULT-VALUE}).")
    int readAhead;

    @Option(names = "--root-map", paramLabel = "FROM=TO", description = "Rewrite URIs starting with FROM to start with TO (repeatable).")
    List<String> rootMaps = List.of();

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "Send this header with http(s) requests to the hosts of the given URIs, never after a redirect to another host (repeatable).")
    List<String> headers = List.of();

    @Option(names = "--bearer-token-env", paramLabel = "VAR",
            description = "Send 'Authorization: Bearer' with the token in environment variable VAR (http/https).")
    String bearerTokenEnv;

    @Option(names = "--max-connections-per-host", paramLabel = "N",
            description = "HTTP connections open at once to one host (default: --concurrency, at most 64).")
    Integer maxConnectionsPerHost;

    @Option(names = "--file-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest one file may take, all reads and retries included (500ms, 30s, 2m; default 60s).")
    Duration fileTimeout;

    @Option(names = "--scan-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest the whole scan may take: then no new file starts and those in flight fail (default: none).")
    Duration scanTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest wait, over HTTP and S3, for an answer to start and between two reads of its body;"
                    + " then the request fails and is retried (default 30s).")
    Duration readTimeout;

    @CommandLine.Mixin
    S3Flags s3 = new S3Flags();

    @CommandLine.Mixin
    AzureFlags azure = new AzureFlags();

    @CommandLine.Mixin
    GcsFlags gcs = new GcsFlags();

    /** The scanner these flags describe; a bad value is a usage error of {@code commandLine}. */
    FitsScanner scanner(CommandLine commandLine, Map<String, String> env) {
        if (concurrency < 1) {
            throw new CommandLine.ParameterException(commandLine, "--concurrency must be at least 1 (was " + concurrency + ")");
        }
        if (readAhead < 2880) {
            throw new CommandLine.ParameterException(commandLine,
                    "--read-ahead must be at least 2880, one FITS block (was " + readAhead + ")");
        }
        if (maxConnectionsPerHost != null && maxConnectionsPerHost < 1) {
            throw new CommandLine.ParameterException(commandLine,
                    "--max-connections-per-host must be at least 1 (was " + maxConnectionsPerHost + ")");
        }
        RootMap roots = RootMap.empty();
        for (String mapping : rootMaps) {
            try {
                roots = roots.withParsed(mapping);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--root-map: " + e.getMessage());
            }
        }
        FitsScanner scanner = FitsScanner.create().concurrency(concurrency).readAhead(readAhead).rootMap(roots)
                .scanTimeout(scanTimeout);
        if (fileTimeout != null) {
            scanner = scanner.fileTimeout(fileTimeout);
        }
        scanner = http(scanner, env, commandLine);
        if (maxConnectionsPerHost != null) {
            scanner = scanner.option(HttpOptions.MAX_CONNECTIONS_PER_HOST, maxConnectionsPerHost);
        }
        if (readTimeout != null) {
            scanner = scanner.option(HttpOptions.READ_TIMEOUT, readTimeout).option(S3Options.READ_TIMEOUT, readTimeout);
        }
        return gcs.apply(azure.apply(s3.apply(scanner), s3.anonymous, env, commandLine), s3.anonymous);
    }

    private FitsScanner http(FitsScanner scanner, Map<String, String> env, CommandLine commandLine) {
        FitsScanner result = scanner;
        if (!headers.isEmpty()) {
            RequestHeaders parsed = RequestHeaders.empty();
            for (String header : headers) {
                try {
                    parsed = parsed.withParsed(header);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(commandLine, "--header: " + e.getMessage());
                }
            }
            result = result.option(HttpOptions.HEADERS, parsed);
        }
        if (bearerTokenEnv != null) {
            result = result.option(HttpOptions.BEARER_TOKEN, fromEnvironment("--bearer-token-env", bearerTokenEnv, env, commandLine));
        }
        return result;
    }

    /** The secret in environment variable {@code variable}, trimmed, which {@code flag} names; unset or blank is a usage error. */
    static String fromEnvironment(String flag, String variable, Map<String, String> env, CommandLine commandLine) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new CommandLine.ParameterException(commandLine, flag + ": environment variable " + variable + " is not set");
        }
        return value.trim();
    }
}
