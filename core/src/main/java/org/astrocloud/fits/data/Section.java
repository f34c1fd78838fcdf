package org.astrocloud.fits.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An N-d section of an image in numpy order (slowest axis first), as astropy's {@code .section}
 * takes it: per axis a slice {@code start:stop[:step]} (each part optional, negative values count
 * from the end, out-of-range bounds clipped as numpy clips them) or a single index, which drops
 * the axis. Axes not given are taken whole. Steps must be positive.
 *
 * <pre>{@code
 * Section.parse("1000:1030,500:530");      // a 30x30 box of a 2-d image (rows 1000-1029, columns 500-529)
 * Section.parse("1000:1030,500:530,:,0");  // the same box of a TESS cube, every frame, flux only
 * }</pre>
 */
public final class Section {
    private final List<Slice> slices;

    private Section(List<Slice> slices) {
        this.slices = List.copyOf(slices);
    }

    /**
     * One axis of a section.
     *
     * @param start the first index, or null for the axis' start
     * @param stop one past the last index, or null for the axis' end
     * @param step at least 1
     * @param index true for a single index ({@code start}), which drops the axis
     */
    public record Slice(Long start, Long stop, long step, boolean index) {
        /** Checks the step. */
        public Slice {
            if (step < 1) {
                throw new IllegalArgumentException("the step must be at least 1 (negative steps are not supported): " + step);
            }
            if (index && start == null) {
                throw new IllegalArgumentException("an index needs a value");
            }
        }

        /** {@code start:stop}. */
        public static Slice of(long start, long stop) {
            return new Slice(start, stop, 1, false);
        }

        /** The whole axis, {@code :}. */
        public static Slice all() {
            return new Slice(null, null, 1, false);
        }

        /** The single index {@code i}. */
        public static Slice at(long i) {
            return new Slice(i, null, 1, true);
        }
    }

    /** The section of these slices, slowest axis first. */
    public static Section of(Slice... slices) {
        return new Section(Arrays.asList(slices));
    }

    /** Reads numpy slice syntax: {@code "10:20, :, 5, ::2"}. */
    public static Section parse(String text) {
        List<Slice> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            String[] bounds = p.split(":", -1);
            try {
                if (bounds.length == 1) {
                    if (p.isEmpty()) {
                        throw new IllegalArgumentException("an empty axis");
                    }
                    out.add(Slice.at(Long.parseLong(p)));
                } else if (bounds.length <= 3) {
                    out.add(new Slice(number(bounds[0]), number(bounds[1]),
                            bounds.length == 3 && !bounds[2].isBlank() ? Long.parseLong(bounds[2].strip()) : 1, false));
                } else {
                    throw new IllegalArgumentException("too many colons");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a section '" + text + "': '" + p + "' is not start:stop[:step] or an index", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a section '" + text + "': " + e.getMessage(), e);
            }
        }
        return new Section(out);
    }

    private static Long number(String s) {
        return s.isBlank() ? null : Long.parseLong(s.strip());
    }

    /** The slices, slowest axis first. */
    public List<Slice> slices() {
        return slices;
    }

    /**
     * This section of an image of {@code shape} (numpy order): per axis the first index, the count
     * and the step, as numpy computes them.
     *
     * @throws IllegalArgumentException more slices than axes, or an index outside its axis
     */
    public Resolved resolve(long[] shape) {
        if (slices.size() > shape.length) {
            throw new IllegalArgumentException("a section of " + slices.size() + " axes for an image of " + shape.length);
        }
        long[] start = new long[shape.length];
        long[] count = new long[shape.length];
        long[] step = new long[shape.length];
        boolean[] dropped = new boolean[shape.length];
        for (int k = 0; k < shape.length; k++) {
            long n = shape[k];
            Slice s = k < slices.size() ? slices.get(k) : Slice.all();
            step[k] = s.step();
            if (s.index()) {
                long i = s.start() < 0 ? s.start() + n : s.start();
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("index " + s.start() + " is out of bounds for axis " + k + " of size " + n);
                }
                start[k] = i;
                count[k] = 1;
                dropped[k] = true;
            } else {
                long a = clip(s.start() == null ? 0 : s.start(), n);
                long b = clip(s.stop() == null ? n : s.stop(), n);
                start[k] = a;
                count[k] = b <= a ? 0 : (b - a + s.step() - 1) / s.step();
            }
        }
        return new Resolved(start, count, step, dropped);
    }

    private static long clip(long i, long n) {
        long j = i < 0 ? i + n : i;
        return Math.max(0, Math.min(n, j));
    }

    /**
     * A section resolved against a shape, numpy order: per axis the first index, the count, the step,
     * and whether an index dropped it. The accessors return copies.
     *
     * @param start the first index per axis
     * @param count how many indices per axis (0 for an empty slice)
     * @param step the step per axis
     * @param dropped true where the section gave a single index
     */
    public record Resolved(long[] start, long[] count, long[] step, boolean[] dropped) {
        /** Copies the arrays. */
        public Resolved {
            start = start.clone();
            count = count.clone();
            step = step.clone();
            dropped = dropped.clone();
        }

        @Override
        public long[] start() {
            return start.clone();
        }

        @Override
        public long[] count() {
            return count.clone();
        }

        @Override
        public long[] step() {
            return step.clone();
        }

        @Override
        public boolean[] dropped() {
            return dropped.clone();
        }

        /** The selection's shape in numpy order, without the dropped axes. */
        public long[] shape() {
            long[] out = new long[count.length];
            int d = 0;
            for (int k = 0; k < count.length; k++) {
                if (!dropped[k]) {
                    out[d++] = count[k];
                }
            }
            return Arrays.copyOf(out, d);
        }

        /** How many elements the section holds. */
        public long elements() {
            long n = 1;
            for (long c : count) {
                n = Math.multiplyExact(n, c);
            }
            return n;
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Slice s : slices) {
            if (b.length() > 0) {
                b.append(',');
            }
            if (s.index()) {
                b.append(s.start());
            } else {
                b.append(s.start() == null ? "" : s.start()).append(':').append(s.stop() == null ? "" : s.stop());
                if (s.step() != 1) {
                    b.append(':').append(s.step());
                }
            }
        }
        return b.toString();
    }
}
