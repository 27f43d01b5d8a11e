package org.duallist.platform.identity;

import jakarta.enterprise.context.RequestScoped;
import java.util.Locale;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.RegionCode;
import org.duallist.contracts.UnitSide;
import org.duallist.identity.TokenClaims;
import org.duallist.platform.domain.AccessDeniedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, read from the verified bearer token, as the {@link Actor}
 * that commands carry and events record. A token without the claims its role needs is refused.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;
    private Actor actor;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    public Actor actor() {
        if (actor == null) {
            actor = fromToken();
        }
        return actor;
    }

    private Actor fromToken() {
        if (token == null || token.getName() == null) {
            throw new io.quarkus.security.UnauthorizedException("a bearer token is required");
        }
        ActorRole role = parse(ActorRole.class, token.getClaim(TokenClaims.ROLE), TokenClaims.ROLE);
        if (role == ActorRole.SYSTEM) {
            throw new AccessDeniedException("the system role is the suite's own; no token may claim it");
        }
        String region = token.getClaim(TokenClaims.REGION);
        if (region == null || !RegionCode.isWellFormed(region)) {
            throw new AccessDeniedException("the token must carry a 6-digit region claim");
        }
        String unit = null;
        UnitSide side = null;
        if (role == ActorRole.UNIT) {
            unit = token.getClaim(TokenClaims.UNIT);
            side = parse(UnitSide.class, token.getClaim(TokenClaims.SIDE), TokenClaims.SIDE);
            if (unit == null || unit.isBlank()) {
                throw new AccessDeniedException("a unit's token must carry its unit claim");
            }
        }
        return new Actor(token.getName(), role, unit, side, region);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, Object claim, String name) {
        if (claim == null) {
            throw new AccessDeniedException("the token lacks the " + name + " claim");
        }
        try {
            return Enum.valueOf(type, claim.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AccessDeniedException("the token's " + name + " claim is not known: " + claim);
        }
    }
}
