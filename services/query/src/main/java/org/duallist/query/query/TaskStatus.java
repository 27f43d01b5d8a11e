package org.duallist.query.query;

/** Where a task stands, as leaders read it. */
public enum TaskStatus {
    /** 已提报: filed, awaiting registration. */
    SUBMITTED,
    /** 已立项交办: registered and assigned; its deadline runs. */
    REGISTERED,
    /** 不予立项: declined. */
    DECLINED,
    /** 已签收: claimed by the responsible unit. */
    CLAIMED,
    /** 已退回: sent back by the responsible unit, awaiting reassignment. */
    RETURNED,
    /** 已撤销: withdrawn by the requester. */
    WITHDRAWN,
    /** 办理中: the responsible unit reports progress. */
    IN_PROGRESS,
    /** 已办结待验收: completion reported, awaiting the requester's acceptance. */
    COMPLETION_REPORTED,
    /** 已验收: the requester accepted the completion. */
    ACCEPTED,
    /** 已销号: closed by the office. */
    CLOSED
}
