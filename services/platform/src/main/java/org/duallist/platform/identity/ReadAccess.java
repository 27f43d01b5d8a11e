package org.duallist.platform.identity;

import java.util.Collection;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;

/**
 * Who may read a task: offices and leaders everything in their region (a city's also covers its
 * counties, a province's everything in it); a unit the tasks it requested or is responsible or
 * co-responsible for.
 */
public final class ReadAccess {

    private ReadAccess() {
    }

    public static boolean mayRead(Actor caller, String regionCode, String requesterUnit, String responsibleUnit,
                                  Collection<String> coUnits) {
        if (caller.role() == ActorRole.UNIT) {
            return caller.unit().equals(requesterUnit) || caller.unit().equals(responsibleUnit)
                    || (coUnits != null && coUnits.contains(caller.unit()));
        }
        return caller.covers(regionCode);
    }
}
