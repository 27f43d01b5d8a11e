package org.duallist.identity;

/**
 * The claims a Dual List bearer token carries beside the standard ones ({@code upn} is the user,
 * {@code groups} holds the role in lower case, for role checks): an OIDC issuer of a deployment
 * maps its users' attributes to these names.
 */
public final class TokenClaims {

    /** {@code unit}, {@code office} or {@code leader}. */
    public static final String ROLE = "role";
    /** The unit's name, for role {@code unit}: 呼和浩特市教育局. */
    public static final String UNIT = "unit";
    /** {@code military} or {@code civil}, for role {@code unit}. */
    public static final String SIDE = "side";
    /** The GB/T 2260 code of the region the user works in. */
    public static final String REGION = "region";

    /** The issuer of the local stack's and the tests' tokens. */
    public static final String LOCAL_ISSUER = "dual-list-local";
    /**
     * The audience ({@code aud}) every token for the suite's services names, and that every service
     * requires ({@code mp.jwt.verify.audiences}): a token the issuer made for another application is refused.
     */
    public static final String AUDIENCE = "dual-list";

    private TokenClaims() {
    }
}
