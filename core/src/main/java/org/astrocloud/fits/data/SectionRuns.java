package org.astrocloud.fits.data;

import java.util.ArrayList;
import java.util.List;
import org.astrocloud.fits.spi.ByteRange;

/**
 * The contiguous byte runs that hold a resolved section of an image, in the order of the section's
 * elements (numpy C order, which is increasing offset): the innermost selected axis, extended
 * outwards over axes taken whole, is one run; a step on the innermost axis makes every element a
 * run of its own (the range planner merges close ones again).
 */
final class SectionRuns {
    private SectionRuns() {
    }

    /**
     * The runs of {@code section} in an image of {@code shape} (numpy order) of {@code elementSize}-byte
     * values whose data unit starts at {@code dataOffset}.
     */
    static List<ByteRange> of(long dataOffset, long[] shape, int elementSize, Section.Resolved section) {
        int d = shape.length;
        long[] start = section.start();
        long[] count = section.count();
        long[] step = section.step();
        if (section.elements() == 0) {
            return List.of();
        }
        long[] stride = new long[d];
        long s = elementSize;
        for (int k = d - 1; k >= 0; k--) {
            stride[k] = s;
            s = Math.multiplyExact(s, shape[k]);
        }
        // the run: axes k..d-1, where every axis after k is whole and has step 1
        int k = d;
        long runElements = 1;
        if (d > 0 && step[d - 1] == 1) {
            k = d - 1;
            runElements = count[d - 1];
            while (k > 0 && start[k] == 0 && count[k] == shape[k] && step[k - 1] == 1) {
                k--;
                runElements = Math.multiplyExact(runElements, count[k]);
            }
        }
        long runBytes = Math.multiplyExact(runElements, elementSize);
        long base = dataOffset;
        for (int j = k; j < d; j++) {
            base += start[j] * stride[j];
        }
        long runs = 1;
        for (int j = 0; j < k; j++) {
            runs = Math.multiplyExact(runs, count[j]);
        }
        if (runs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the section needs " + runs + " separate reads; select fewer, longer rows");
        }
        List<ByteRange> out = new ArrayList<>((int) runs);
        long[] i = new long[k];
        for (long r = 0; r < runs; r++) {
            long at = base;
            for (int j = 0; j < k; j++) {
                at += (start[j] + i[j] * step[j]) * stride[j];
            }
            out.add(ByteRange.of(at, runBytes));
            for (int j = k - 1; j >= 0; j--) {   // odometer, last outer axis fastest
                if (++i[j] < count[j]) {
                    break;
                }
                i[j] = 0;
            }
        }
        return out;
    }
}
