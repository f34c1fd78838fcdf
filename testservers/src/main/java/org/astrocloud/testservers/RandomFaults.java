package org.astrocloud.testservers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A seeded, reproducible mix of faults for a {@link FaultProxy}: each request's fault is a function of
 * the seed, the request's path, its {@code Range} header and how many times the same path and
 * range were asked before, never of the order in which requests of different files arrive, so a
 * rerun with the same seed injects the same faults into the same reads. What it did is kept per path
 * ({@link #faultsOf(String)}) and counted per kind ({@link #counts()}).
 */
public final class RandomFaults implements FaultProxy.Policy {

    /** What one request got. */
    public enum Kind {
        /** Passed through untouched. */
        NONE,
        /** 503 without Retry-After. */
        UNAVAILABLE,
        /** 503 with {@code Retry-After: 1}. */
        UNAVAILABLE_RETRY_AFTER,
        /** The connection reset before any answer. */
        RESET,
        /** The body cut short, then the connection closed. */
        TRUNCATED,
        /** 200 with the whole object instead of the range: a permanent fault. */
        IGNORED_RANGE,
        /** The headers at once, the body only after the stall (longer than the client's read time-out). */
        STALLED;

        /** Whether a retry of the same request may succeed. */
        public boolean isTransient() {
            return this != NONE && this != IGNORED_RANGE;
        }
    }

    /**
     * What one request for a path asked ({@code Range}, null if none) and got, and for a forwarded
     * one, how long upstream took to answer (nanoseconds; -1 while it has not).
     */
    public record Fault(String range, Kind kind, AtomicLong answeredAfterNanos) {
        /** Whether upstream's answer came within {@code limit} of the request. */
        public boolean answeredWithin(Duration limit) {
            long n = answeredAfterNanos.get();
            return n >= 0 && n < limit.toNanos();
        }

        @Override
        public String toString() {
            long n = answeredAfterNanos.get();
            return kind + " " + range + (kind == Kind.IGNORED_RANGE ? " (answered " + (n < 0 ? "never" : "after " + n / 1_000_000 + " ms") + ")" : "");
        }
    }

    /** The share of requests that get each fault; the rest pass through. */
    public record Rates(double unavailable, double reset, double truncated, double ignoredRange, double stalled) {
        /** Issue 15's mix: 5% 503 (half of them with Retry-After), 1% resets, 1% truncated, 1% 200 ignoring Range, 1% stalls. */
        public static final Rates ISSUE_15 = new Rates(0.05, 0.01, 0.01, 0.01, 0.01);

        public Rates {
            if (unavailable + reset + truncated + ignoredRange + stalled > 1) {
                throw new IllegalArgumentException("the rates add up to more than 1");
            }
        }
    }

    private final long seed;
    private final Rates rates;
    private final Duration stall;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<String, List<Fault>> byPath = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> unanswered = new ConcurrentHashMap<>();
    private final AtomicLongArray counts = new AtomicLongArray(Kind.values().length);

    /** Faults at {@code rates} chosen from {@code seed}; a stalled body waits {@code stall}. */
    public RandomFaults(long seed, Rates rates, Duration stall) {
        this.seed = seed;
        this.rates = rates;
        this.stall = stall;
    }

    @Override
    public FaultProxy.Action choose(int number, RangeFileServer.Request request) {
        String path = pathOf(request.uri());
        String asked = path + " " + request.range();
        int attempt = attempts.merge(asked, 1, Integer::sum) - 1;
        long h = mix(seed ^ mix(asked.hashCode() * 0x9E3779B97F4A7C15L + attempt));
        double u = (h >>> 11) * 0x1.0p-53;
        Kind kind = kindAt(u);
        AtomicLong answered = new AtomicLong(-1);
        if (kind != Kind.UNAVAILABLE && kind != Kind.UNAVAILABLE_RETRY_AFTER && kind != Kind.RESET) {
            unanswered.put(number, answered);
        }
        byPath.computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>())).add(new Fault(request.range(), kind, answered));
        counts.incrementAndGet(kind.ordinal());
        return switch (kind) {
            case NONE -> FaultProxy.Action.FORWARD;
            case UNAVAILABLE -> FaultProxy.Action.status(503, Map.of());
            case UNAVAILABLE_RETRY_AFTER -> FaultProxy.Action.status(503, Map.of("Retry-After", "1"));
            case RESET -> FaultProxy.Action.reset();
            case TRUNCATED -> FaultProxy.Action.truncateAfter(100 + Math.floorMod(h, 20_000));
            case IGNORED_RANGE -> FaultProxy.Action.ignoreRange();
            case STALLED -> FaultProxy.Action.stallBody(stall);
        };
    }

    @Override
    public void answered(int number, Duration elapsed) {
        AtomicLong a = unanswered.remove(number);
        if (a != null) {
            a.set(elapsed.toNanos());
        }
    }

    private Kind kindAt(double u) {
        double at = rates.unavailable() / 2;
        if (u < at) {
            return Kind.UNAVAILABLE;
        }
        if (u < (at += rates.unavailable() / 2)) {
            return Kind.UNAVAILABLE_RETRY_AFTER;
        }
        if (u < (at += rates.reset())) {
            return Kind.RESET;
        }
        if (u < (at += rates.truncated())) {
            return Kind.TRUNCATED;
        }
        if (u < (at += rates.ignoredRange())) {
            return Kind.IGNORED_RANGE;
        }
        return u < at + rates.stalled() ? Kind.STALLED : Kind.NONE;
    }

    /** What the requests for {@code path} (without the query) got, in the order they arrived; empty if none came. */
    public List<Fault> faultsOf(String path) {
        List<Fault> l = byPath.get(path);
        if (l == null) {
            return List.of();
        }
        synchronized (l) {
            return List.copyOf(l);
        }
    }

    /** Requests so far by what they got. */
    public Map<Kind, Long> counts() {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, counts.get(k.ordinal()));
        }
        return out;
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** SplitMix64's finaliser: a well-spread 64-bit function of {@code z}. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
