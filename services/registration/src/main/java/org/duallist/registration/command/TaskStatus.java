package org.duallist.registration.command;

/** Where a task stands on the registration side. */
public enum TaskStatus {
    /** 已提报: filed, awaiting the office's decision. */
    SUBMITTED,
    /** 已立项交办: registered and assigned. */
    REGISTERED,
    /** 不予立项: declined by the office. */
    DECLINED,
    /** 已签收: claimed by the responsible unit. */
    CLAIMED,
    /** 已退回: sent back by the responsible unit, awaiting reassignment. */
    RETURNED,
    /** 已撤销: withdrawn by the requester. */
    WITHDRAWN,
    /** 已销号: closed by the office after the requester's acceptance. */
    CLOSED
}
