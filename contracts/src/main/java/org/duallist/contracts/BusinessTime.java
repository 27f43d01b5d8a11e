package org.duallist.contracts;

import java.time.ZoneId;

/** Dates on the dual list (deadlines, reply dates, "today") are dates in this zone, wherever a server runs. */
public final class BusinessTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BusinessTime() {
    }
}
