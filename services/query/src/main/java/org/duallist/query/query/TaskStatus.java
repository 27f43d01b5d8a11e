package org.duallist.query.query;

/** Where a task stands, as leaders read it. */
public enum TaskStatus {
    /** 已提报: filed, awaiting registration. */
    FILED,
    /** 已立项交办: registered and assigned; its deadline runs. */
    REGISTERED,
    /** 不予立项: declined. */
    DECLINED
}
