package org.duallist.contracts;

/**
 * Who did something, as every event records it for the audit trail: the user, their role, their
 * unit and side (units only) and the region they work in.
 */
public record Actor(String user, ActorRole role, String unit, UnitSide side, String region) {

    /** Whether this actor's region is {@code regionCode} or contains it (a city its counties …). */
    public boolean covers(String regionCode) {
        return region != null && regionCode != null && RegionCode.isWellFormed(region) && RegionCode.covers(region, regionCode);
    }

    public boolean isUnit(String unitName) {
        return role == ActorRole.UNIT && unit != null && unit.equals(unitName);
    }
}
