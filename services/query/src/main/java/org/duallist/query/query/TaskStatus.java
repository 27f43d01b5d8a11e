package org.duallist.query.query;

/** Where a task stands, as leaders read it. */
public enum TaskStatus {
    /** 已提报: filed, awaiting registration. */
    FILED,
    /** 已立项交办: registered and assigned; its deadline runs. */
    REGISTERED,
    /** 不予立项: declined. */
    DECLINED,
    /** 已签收: claimed by the responsible unit. */
    CLAIMED,
    /** 已退回: sent back by the responsible unit, awaiting reassignment. */
    RETURNED,
    /** 已撤销: withdrawn by the requester. */
    WITHDRAWN
}
