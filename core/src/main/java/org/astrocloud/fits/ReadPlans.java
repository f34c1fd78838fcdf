package org.astrocloud.fits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.astrocloud.fits.catalog.StoredHeader;

/**
 * A header read plan learned from a sibling's stored headers: at each header's offset, read to the
 * end of the run of headers that follow it with no data between (a primary without data and the
 * first extension's header are one read). A sector-22 cube then costs 5,760 + 46,080 bytes in two
 * reads instead of two 64 KiB read-aheads.
 */
final class ReadPlans {
    private ReadPlans() {
    }

    static Map<Long, Long> of(List<StoredHeader> headers) {
        List<StoredHeader> sorted = new ArrayList<>(headers);
        sorted.sort((a, b) -> Long.compare(a.headerOffset(), b.headerOffset()));
        Map<Long, Long> plan = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            long start = sorted.get(i).headerOffset();
            long end = start + sorted.get(i).bytes().length;
            for (int j = i + 1; j < sorted.size() && sorted.get(j).headerOffset() == end; j++) {
                end += sorted.get(j).bytes().length;
            }
            plan.put(start, end - start);
        }
        return plan;
    }
}
