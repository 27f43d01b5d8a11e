package org.duallist.contracts;

/** What a user may do, as their token says. */
public enum ActorRole {
    /** A requester or responsible unit: a military liaison office or unit, or a civil department (单位). */
    UNIT,
    /** The dual-support office of a region (双拥办): registers, assigns, supervises, closes. */
    OFFICE,
    /** A leadership group (领导小组): reads everything in its region, changes nothing. */
    LEADER,
    /**
     * The suite itself, for what its rules do on their own (the supervision service's scheduled
     * warnings and notices). Never a user: a token that claims it is refused.
     */
    SYSTEM
}
