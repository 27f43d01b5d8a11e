package org.duallist.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.time.Duration;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.UnitSide;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenMinterTest {

    @Test
    void aMintedTokenVerifiesWithThePublicKeyFileAndCarriesTheActor(@TempDir Path dir) throws Exception {
        KeyPair created = KeyFiles.loadOrCreate(dir);
        KeyPair reread = KeyFiles.loadOrCreate(dir);
        assertThat(reread.getPublic().getEncoded()).isEqualTo(created.getPublic().getEncoded());
        assertThat(Files.getPosixFilePermissions(dir.resolve(KeyFiles.PRIVATE_KEY_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        Actor actor = new Actor("wang", ActorRole.UNIT, "新城区人民武装部", UnitSide.MILITARY, "150102");
        String token = new TokenMinter(reread.getPrivate(), TokenClaims.LOCAL_ISSUER).mint(actor, Duration.ofHours(1));

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setExpectedIssuer(TokenClaims.LOCAL_ISSUER)
                .setExpectedAudience(TokenClaims.AUDIENCE)
                .setVerificationKey(created.getPublic())
                .setRequireExpirationTime()
                .build();
        JwtClaims claims = consumer.processToClaims(token);
        assertThat(claims.getAudience()).containsExactly(TokenClaims.AUDIENCE);
        assertThat(claims.getClaimValue("upn")).isEqualTo("wang");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("unit");
        assertThat(claims.getClaimValue(TokenClaims.UNIT)).isEqualTo("新城区人民武装部");
        assertThat(claims.getClaimValue(TokenClaims.SIDE)).isEqualTo("military");
        assertThat(claims.getClaimValue(TokenClaims.REGION)).isEqualTo("150102");
    }
}
