package org.duallist.identity;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.duallist.contracts.Actor;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Signs RS256 bearer tokens for the local stack and for tests; deployments use an OIDC issuer. */
public final class TokenMinter {

    private final PrivateKey key;
    private final String issuer;
    private final String audience;

    /** A minter of tokens for the suite's audience, {@value TokenClaims#AUDIENCE}. */
    public TokenMinter(PrivateKey key, String issuer) {
        this(key, issuer, TokenClaims.AUDIENCE);
    }

    public TokenMinter(PrivateKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    public String mint(Actor actor, Duration lifetime) {
        return sign(claims(actor, lifetime));
    }

    /** The claims {@link #mint} signs, for a caller that wants to change some before signing (tests of refusals). */
    public JwtClaims claims(Actor actor, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(actor.user());
        claims.setClaim("upn", actor.user());
        claims.setStringListClaim("groups", List.of(lower(actor.role())));
        claims.setClaim(TokenClaims.ROLE, lower(actor.role()));
        if (actor.unit() != null) {
            claims.setClaim(TokenClaims.UNIT, actor.unit());
        }
        if (actor.side() != null) {
            claims.setClaim(TokenClaims.SIDE, lower(actor.side()));
        }
        claims.setClaim(TokenClaims.REGION, actor.region());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
        claims.setGeneratedJwtId();
        return claims;
    }

    /** Signs {@code claims} as they are, RS256 with this minter's key. */
    public String sign(JwtClaims claims) {
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setKey(key);
        signature.setKeyIdHeaderValue(issuer);
        signature.setHeader("typ", "JWT");
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return signature.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
