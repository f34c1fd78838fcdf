package org.astrocloud.webflux;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One line of a {@code GET /headers} stream: an {@link HduLine} per HDU, and an {@link ErrorLine}
 * last if the scan failed after the first HDU.
 */
public sealed interface HeaderLine permits HduLine, ErrorLine {

    /** This line as a Server-Sent Event: an unnamed ({@code message}) event, or {@code event: error} for an error. */
    ServerSentEvent<HeaderLine> event();

    /**
     * {@code lines}, with a failure after the first line turned into a last {@link ErrorLine}: by then
     * the response is committed with 200, so the error can only be reported in the stream. A
     * failure before the first line stays an error, for {@link ApiErrorHandler} to answer with a
     * status (403, 404, 502).
     */
    static Flux<HeaderLine> errorLineOnceStarted(Flux<? extends HeaderLine> lines) {
        return Flux.defer(() -> {
            AtomicBoolean started = new AtomicBoolean();
            return Flux.<HeaderLine>from(lines)
                    .doOnNext(line -> started.set(true))
                    .onErrorResume(e -> started.get() ? Mono.just(ErrorLine.of(e)) : Mono.error(e));
        });
    }
}
