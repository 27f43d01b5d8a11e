package org.duallist.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.duallist.contracts.Actor;
import org.duallist.identity.KeyFiles;
import org.duallist.identity.TokenClaims;
import org.duallist.identity.TokenMinter;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Bearer tokens every service must refuse with 401, each spoiled in one way from a token the
 * service would take for the same actor: expired, not yet valid, another issuer, another audience,
 * no audience, unsigned ({@code alg: none}), signed by a key that is not the issuer's, and a region
 * claim changed after signing. Each service's test sends every case to a read and to a command.
 */
public final class RefusedTokens {

    /** Far beyond the clock skew the services allow ({@code mp.jwt.verify.clock.skew}, 60 s). */
    private static final Duration WELL_OUTSIDE_SKEW = Duration.ofMinutes(10);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    /** One way a token goes wrong; shown by its name in a parameterized test. */
    public record Case(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    private RefusedTokens() {
    }

    /** Every refused variant of a token for {@code actor}. */
    public static List<Case> of(Actor actor) {
        TokenMinter trusted = TestTokens.minter();
        List<Case> cases = new ArrayList<>();
        Instant now = Instant.now();

        JwtClaims expired = trusted.claims(actor, Duration.ofHours(1));
        expired.setIssuedAt(seconds(now.minus(Duration.ofHours(1)).minus(WELL_OUTSIDE_SKEW)));
        expired.setExpirationTime(seconds(now.minus(WELL_OUTSIDE_SKEW)));
        cases.add(new Case("expired", trusted.sign(expired)));

        JwtClaims notYetValid = trusted.claims(actor, Duration.ofHours(1));
        notYetValid.setNotBefore(seconds(now.plus(WELL_OUTSIDE_SKEW)));
        cases.add(new Case("not yet valid (nbf in the future)", trusted.sign(notYetValid)));

        cases.add(new Case("another issuer",
                new TokenMinter(TestTokens.signingKey(), "another-issuer").mint(actor, Duration.ofHours(1))));
        cases.add(new Case("another audience",
                new TokenMinter(TestTokens.signingKey(), TokenClaims.LOCAL_ISSUER, "another-application").mint(actor, Duration.ofHours(1))));

        JwtClaims noAudience = trusted.claims(actor, Duration.ofHours(1));
        noAudience.unsetClaim("aud");
        cases.add(new Case("no audience", trusted.sign(noAudience)));

        cases.add(new Case("unsigned (alg none)", unsigned(trusted.claims(actor, Duration.ofHours(1)))));
        cases.add(new Case("signed by a key that is not the issuer's",
                new TokenMinter(KeyFiles.generate().getPrivate(), TokenClaims.LOCAL_ISSUER).mint(actor, Duration.ofHours(1))));
        cases.add(new Case("region claim changed after signing",
                withClaimReplaced(trusted.mint(actor, Duration.ofHours(1)), TokenClaims.REGION, otherRegion(actor.region()))));
        return cases;
    }

    /** A token with {@code "alg": "none"} and an empty signature, which an unwary verifier takes as is. */
    static String unsigned(JwtClaims claims) {
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        return encode(header) + "." + encode(claims.toJson()) + ".";
    }

    /** The signed token with one claim of its payload changed, the header and signature kept. */
    static String withClaimReplaced(String token, String claim, String value) {
        String[] parts = token.split("\\.");
        try {
            JwtClaims payload = JwtClaims.parse(new String(BASE64URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8));
            payload.setClaim(claim, value);
            return parts[0] + "." + encode(payload.toJson()) + "." + parts[2];
        } catch (InvalidJwtException e) {
            throw new IllegalArgumentException("not a JWT payload", e);
        }
    }

    private static String otherRegion(String region) {
        return "110000".equals(region) ? "120000" : "110000";
    }

    private static NumericDate seconds(Instant instant) {
        return NumericDate.fromSeconds(instant.getEpochSecond());
    }

    private static String encode(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
