package org.duallist.contracts;

/** The warning light (预警) of an open task, as the supervision service evaluates it each business day. */
public enum WarningLight {
    /** On track (正常). */
    GREEN("绿灯"),
    /** The deadline is near, or progress lags behind the time spent (临期/滞后). */
    YELLOW("黄灯"),
    /** Past its deadline (逾期). */
    RED("红灯");

    private final String chineseName;

    WarningLight(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
