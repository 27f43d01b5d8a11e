package org.duallist.contracts;

/** The two lists of the dual list (双清单). */
public enum TaskList {
    /** 拥军优属清单: filed by military units, done by civil departments (地方为部队办实事). */
    SUPPORT_THE_MILITARY("拥军优属"),
    /** 拥政爱民清单: filed by civil departments and towns, done by military units (部队为地方办实事). */
    SUPPORT_THE_PEOPLE("拥政爱民");

    private final String chineseName;

    TaskList(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
