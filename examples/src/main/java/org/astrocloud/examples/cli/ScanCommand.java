package org.astrocloud.examples.cli;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.astrocloud.fits.FitsScanner;
import org.astrocloud.fits.RootMap;
import org.astrocloud.fits.ScanResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/** {@code fits-scan scan}: prints the headers of each file as JSON Lines. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Prints every HDU header of each file as a JSON line.",
        footer = {"", "Exit codes: 0 every file was read, 1 some file failed (all results are still printed), 2 usage error."})
final class ScanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH_OR_URI",
            description = "Local paths or URIs: file:, http(s):, s3://bucket/key, s3://bucket/prefix/ and globs (s3://bucket/tess-s0022-*-cube.fits).")
    List<String> inputs;

    @Option(names = "--cards", description = "Also print the raw 80-character cards of each header.")
    boolean cards;

    @Option(names = "--stats", description = "After each file, print a \"file\" line: requests, bytes read, size, time.")
    boolean stats;

    @Option(names = "--concurrency", defaultValue = "64", description = "Files scanned at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--read-ahead", defaultValue = "65536", description = "Bytes read at once for a header (default ${DEFAULT-VALUE}).")
    int readAhead;

    @Option(names = "--root-map", paramLabel = "FROM=TO", description = "Rewrite URIs starting with FROM to start with TO (repeatable).")
    List<String> rootMaps = List.of();

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "Send this header with http(s) requests to the hosts of the given URIs, never after a redirect to another host (repeatable).")
    List<String> headers = List.of();

    @Option(names = "--max-connections-per-host", paramLabel = "N",
            description = "HTTP connections open at once to one host (default: --concurrency, at most 64).")
    Integer maxConnectionsPerHost;

    @CommandLine.Mixin
    S3Flags s3 = new S3Flags();

    @Option(names = "--bearer-token-env", paramLabel = "VAR",
            description = "Send 'Authorization: Bearer' with the token in environment variable VAR (http/https).")
    String bearerTokenEnv;

    @Override
    public Integer call() {
        RootMap roots = RootMap.empty();
        for (String mapping : rootMaps) {
            roots = roots.withParsed(mapping);
        }
        FitsScanner scanner = FitsScanner.create().concurrency(concurrency).readAhead(readAhead).rootMap(roots);
        scanner = HttpFlags.apply(scanner, headers, bearerTokenEnv, System.getenv(), spec.commandLine());
        scanner = s3.apply(scanner);
        if (maxConnectionsPerHost != null) {
            scanner = scanner.option(org.astrocloud.http.HttpOptions.MAX_CONNECTIONS_PER_HOST, maxConnectionsPerHost);
        }
        FitsScanner configured = scanner;
        List<URI> uris = inputs.stream().map(Inputs::toUri).toList();
        JsonLines out = new JsonLines(spec.commandLine().getOut(), cards, stats);
        AtomicBoolean anyFailed = new AtomicBoolean();
        Flux<URI> objects = Flux.fromIterable(uris).concatMap(u -> configured.expand(u)
                .onErrorResume(e -> {
                    out.write(ScanResult.failed(u, e));
                    anyFailed.set(true);
                    return Flux.empty();
                }));
        scanner.scanAll(objects)
                .doOnNext(r -> {
                    if (!r.isOk()) {
                        anyFailed.set(true);
                    }
                    out.write(r);
                })
                .blockLast();
        return anyFailed.get() ? 1 : 0;
    }
}
