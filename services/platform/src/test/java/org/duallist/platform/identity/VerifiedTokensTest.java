package org.duallist.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    /** Stands in for the signature check: knows which token texts are genuine, counts its calls. */
    private static final class CountingVerifier extends DefaultJWTParser {
        final Map<String, Long> expiryOfGenuine = new HashMap<>();
        int verifications;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications++;
            Long expiry = expiryOfGenuine.get(token);
            if (expiry == null) {
                throw new ParseException("signature does not match");
            }
            return new ExpiringToken(token, expiry);
        }
    }

    private record ExpiringToken(String name, long expiry) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return new HashSet<>(Set.of("exp"));
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getClaim(String claim) {
            return claim.equals("exp") ? (T) Long.valueOf(expiry) : null;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final CountingVerifier verifier = new CountingVerifier();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void aGenuineTokenIsVerifiedOnceAndThenRecognised() throws ParseException {
        verifier.expiryOfGenuine.put("office-token", NOW.plus(Duration.ofHours(2)).getEpochSecond());

        JsonWebToken first = tokens.parse("office-token");
        JsonWebToken second = tokens.parse("office-token");

        assertThat(second).isSameAs(first);
        assertThat(verifier.verifications).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsVerifiedAgainEveryTime() {
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThat(verifier.verifications).isEqualTo(2);
    }

    @Test
    void aTokenPastItsExpiryGoesBackToTheVerifier() throws ParseException {
        verifier.expiryOfGenuine.put("short-lived", NOW.plus(Duration.ofSeconds(30)).getEpochSecond());
        tokens.parse("short-lived");

        clock.advance(Duration.ofSeconds(31));
        verifier.expiryOfGenuine.remove("short-lived"); // the verifier now refuses it: expired

        assertThatThrownBy(() -> tokens.parse("short-lived")).isInstanceOf(ParseException.class);
        assertThat(verifier.verifications).isEqualTo(2);
    }

    @Test
    void noVerificationIsReusedLongerThanTheLongestReuse() throws ParseException {
        verifier.expiryOfGenuine.put("day-token", NOW.plus(Duration.ofHours(24)).getEpochSecond());
        tokens.parse("day-token");

        clock.advance(VerifiedTokens.LONGEST_REUSE.minusSeconds(1));
        tokens.parse("day-token");
        assertThat(verifier.verifications).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        tokens.parse("day-token");
        assertThat(verifier.verifications).isEqualTo(2);
    }

    @Test
    void aVeryLongTokenIsNotRemembered() throws ParseException {
        String longToken = "x".repeat(10_000);
        verifier.expiryOfGenuine.put(longToken, NOW.plus(Duration.ofHours(1)).getEpochSecond());

        tokens.parse(longToken);
        tokens.parse(longToken);

        assertThat(verifier.verifications).isEqualTo(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now = NOW;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

}
