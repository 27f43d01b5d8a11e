package org.duallist.contracts;

/** Which side of 军地 a unit belongs to, and so which list it files on. */
public enum UnitSide {
    /** 军: military units file on the support-the-military list (拥军优属). */
    MILITARY(TaskList.SUPPORT_THE_MILITARY),
    /** 地: civil departments and towns file on the support-the-people list (拥政爱民). */
    CIVIL(TaskList.SUPPORT_THE_PEOPLE);

    private final TaskList filesOn;

    UnitSide(TaskList filesOn) {
        this.filesOn = filesOn;
    }

    /** The list a unit of this side files its requests on. */
    public TaskList filesOn() {
        return filesOn;
    }
}
