package org.duallist.platform.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token parser of every service, remembering the tokens it has verified: an office's
 * client sends the same token with every request for hours, and checking its RSA signature again
 * each time was a third of the registration service's CPU per command (benchmark profile). A token
 * is remembered only after a full verification succeeded, by its exact text, and never past its own
 * expiry (nor longer than {@link #LONGEST_REUSE}); a refused token is verified again each time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    /** How long one verification is reused at most, whatever the token's expiry. */
    static final Duration LONGEST_REUSE = Duration.ofMinutes(10);
    private static final int MOST_TOKENS = 10_000;
    /** A token longer than this is verified every time, so that the cache's memory stays bounded. */
    private static final int LONGEST_CACHED_TOKEN = 8_192;

    private final JWTParser verifier;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    VerifiedTokens(JWTAuthContextInfo authContextInfo) {
        this(new DefaultJWTParser(authContextInfo), Clock.systemUTC());
    }

    VerifiedTokens(JWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MOST_TOKENS)
                .expireAfter(new UntilTokenExpires())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (token == null || token.length() > LONGEST_CACHED_TOKEN) {
            return verifier.parse(token);
        }
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && stillValid(known)) {
            return known;
        }
        JsonWebToken fresh = verifier.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    private boolean stillValid(JsonWebToken token) {
        return clock.instant().getEpochSecond() < token.getExpirationTime();
    }

    private final class UntilTokenExpires implements Expiry<String, JsonWebToken> {
        @Override
        public long expireAfterCreate(String key, JsonWebToken token, long currentTime) {
            long secondsLeft = token.getExpirationTime() - clock.instant().getEpochSecond();
            return Math.max(0, Math.min(Duration.ofSeconds(secondsLeft).toNanos(), LONGEST_REUSE.toNanos()));
        }

        @Override
        public long expireAfterUpdate(String key, JsonWebToken token, long currentTime, long currentDuration) {
            return expireAfterCreate(key, token, currentTime);
        }

        @Override
        public long expireAfterRead(String key, JsonWebToken token, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
