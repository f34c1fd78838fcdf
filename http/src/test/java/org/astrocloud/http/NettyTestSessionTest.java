package org.astrocloud.http;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Proves the two guards of {@link NettyTestSession} are armed: they can fail. */
class NettyTestSessionTest {

    @Test
    void leakedBufferShouldBeReported() {
        leak();
        boolean reported = !NettyTestSession.collectLeaks().isEmpty();
        NettyTestSession.LEAKS.clear();
        assertFalse(!reported, "a buffer dropped without release() must be reported");
    }

    private static void leak() {
        ByteBuf leaked = UnpooledByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeInt(42);
    }

    @Test
    void blockingOnAReactorThreadShouldFail() {
        StepVerifier.create(Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                }).subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify(Duration.ofSeconds(10));
    }
}
