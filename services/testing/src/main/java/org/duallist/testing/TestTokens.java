package org.duallist.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.UnitSide;
import org.duallist.identity.KeyFiles;
import org.duallist.identity.TokenClaims;
import org.duallist.identity.TokenMinter;

/**
 * Bearer tokens for tests, signed with a key pair made for this test JVM; {@link DualListTestStack}
 * points the service at its public key.
 */
public final class TestTokens {

    private static final KeyPair KEYS = KeyFiles.generate();
    private static final TokenMinter MINTER = new TokenMinter(KEYS.getPrivate(), TokenClaims.LOCAL_ISSUER);
    private static Path publicKeyFile;

    private TestTokens() {
    }

    public static String office(String region) {
        return mint(new Actor("office-" + region, ActorRole.OFFICE, null, null, region));
    }

    public static String leader(String region) {
        return mint(new Actor("leader-" + region, ActorRole.LEADER, null, null, region));
    }

    public static String militaryUnit(String unit, String region) {
        return mint(new Actor("user-" + unit, ActorRole.UNIT, unit, UnitSide.MILITARY, region));
    }

    public static String civilUnit(String unit, String region) {
        return mint(new Actor("user-" + unit, ActorRole.UNIT, unit, UnitSide.CIVIL, region));
    }

    public static String mint(Actor actor) {
        return MINTER.mint(actor, Duration.ofHours(1));
    }

    /** A token signed by a key the service does not trust. */
    public static String forged(Actor actor) {
        return new TokenMinter(KeyFiles.generate().getPrivate(), TokenClaims.LOCAL_ISSUER).mint(actor, Duration.ofHours(1));
    }

    /** The minter of this JVM's trusted tokens, for {@link RefusedTokens} to spoil them in one way each. */
    static TokenMinter minter() {
        return MINTER;
    }

    /** The private key the services trust here. */
    static java.security.PrivateKey signingKey() {
        return KEYS.getPrivate();
    }

    static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("dual-list-test-jwt", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                Files.writeString(publicKeyFile, KeyFiles.publicKeyPem(KEYS.getPublic()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }
}
