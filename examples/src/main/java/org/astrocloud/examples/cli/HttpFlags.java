package org.astrocloud.examples.cli;

import java.util.List;
import java.util.Map;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.http.HttpOptions;
import org.astrocloud.http.RequestHeaders;
import picocli.CommandLine;

/** Turns the http flags of {@code fits-scan scan} into scanner options; usage errors name no secret. */
final class HttpFlags {
    private HttpFlags() {
    }

    static FitsScanner apply(FitsScanner scanner, List<String> headers, String bearerTokenEnv, Map<String, String> env,
                             CommandLine commandLine) {
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
            String token = env.get(bearerTokenEnv);
            if (token == null || token.isBlank()) {
                throw new CommandLine.ParameterException(commandLine,
                        "--bearer-token-env: environment variable " + bearerTokenEnv + " is not set");
            }
            result = result.option(HttpOptions.BEARER_TOKEN, token.trim());
        }
        return result;
    }
}
