package org.duallist.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Locale;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.UnitSide;
import org.duallist.identity.KeyFiles;
import org.duallist.identity.TokenClaims;
import org.duallist.identity.TokenMinter;

/**
 * The bearer tokens of a local stack: the RSA key pair in {@code <data>/jwt} (created on first use,
 * replaced by {@code up --reset}) signs RS256 tokens of issuer {@value TokenClaims#LOCAL_ISSUER}; the
 * services verify them with {@code <data>/jwt/public-key.pem}. Used by {@code up}, by
 * {@code ./dual-list token} (which needs no running stack) and by tests:
 *
 * <pre>{@code
 * String office = stack.tokens().mint(LocalTokens.office("150100"));
 * }</pre>
 */
public final class LocalTokens {

    /** The key pair's directory in the data dir. */
    public static final String KEY_DIR = "jwt";
    /** How long {@code ./dual-list token} and the tokens printed by {@code up --demo} are valid. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    private static final String LOCK_FILE = "keys.lock";
    private static final Object JVM_LOCK = new Object();

    private final Path keyDir;
    private final TokenMinter minter;

    private LocalTokens(Path keyDir, KeyPair keys) {
        this.keyDir = keyDir;
        this.minter = new TokenMinter(keys.getPrivate(), TokenClaims.LOCAL_ISSUER);
    }

    /**
     * The tokens of the stack on {@code dataDir}: reads its key pair, or creates it when there is none
     * yet. A file lock keeps a launcher and {@code ./dual-list token} from creating two different pairs.
     */
    public static LocalTokens forDataDir(Path dataDir) throws IOException {
        Path dir = keyDir(dataDir);
        synchronized (JVM_LOCK) {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return new LocalTokens(dir, KeyFiles.loadOrCreate(dir));
            }
        }
    }

    static Path keyDir(Path dataDir) {
        return dataDir.resolve(KEY_DIR);
    }

    static Path publicKeyFile(Path dataDir) {
        return keyDir(dataDir).resolve(KeyFiles.PUBLIC_KEY_FILE);
    }

    public Path keyDir() {
        return keyDir;
    }

    /** The PEM file the services verify tokens with ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}). */
    public Path publicKeyFile() {
        return keyDir.resolve(KeyFiles.PUBLIC_KEY_FILE);
    }

    public TokenMinter minter() {
        return minter;
    }

    public String mint(Actor actor, Duration lifetime) {
        return minter.mint(actor, lifetime);
    }

    /** A token valid for {@link #DEFAULT_LIFETIME}. */
    public String mint(Actor actor) {
        return mint(actor, DEFAULT_LIFETIME);
    }

    /** The dual-support office (双拥办) of a region: files on a unit's behalf, registers, declines. */
    public static Actor office(String region) {
        return new Actor(defaultUser(ActorRole.OFFICE, null, region), ActorRole.OFFICE, null, null, region);
    }

    /** A leadership group (领导小组) of a region: reads everything in it. */
    public static Actor leader(String region) {
        return new Actor(defaultUser(ActorRole.LEADER, null, region), ActorRole.LEADER, null, null, region);
    }

    /** A unit: files on its side's list in its region, reads the tasks it requested or is responsible for. */
    public static Actor unit(String unit, UnitSide side, String region) {
        return new Actor(defaultUser(ActorRole.UNIT, unit, region), ActorRole.UNIT, unit, side, region);
    }

    /** {@code office-150100}, {@code leader-150000}, {@code unit-呼和浩特市教育局}. */
    public static String defaultUser(ActorRole role, String unit, String region) {
        return role.name().toLowerCase(Locale.ROOT) + "-" + (role == ActorRole.UNIT ? unit : region);
    }

    /**
     * The ready-made tokens of the demo, each on its own line after a line naming it; the last line is
     * a token. What {@code ./dual-list token --demo} prints, and {@code up --demo} after loading.
     */
    /**
     * Writes the demo's users with fresh tokens as JSON ({@code [{label, role, region, token}]}),
     * which the query service of the local stack serves to its dashboard's sign-in.
     */
    public void writeDemoUsers(java.nio.file.Path file, Duration lifetime) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode users = json.createArrayNode();
        for (DemoData.DemoActor demo : DemoData.ACTORS) {
            users.addObject().put("label", demo.label()).put("role", demo.actor().role().name())
                    .put("region", demo.actor().region()).put("token", mint(demo.actor(), lifetime));
        }
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(users),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    public void printDemoTokens(PrintStream out, Duration lifetime) {
        out.println("Bearer tokens of the demo (valid " + hours(lifetime) + "; signed with " + keyDir + "):");
        for (DemoData.DemoActor demo : DemoData.ACTORS) {
            out.println(demo.label() + ":");
            out.println(mint(demo.actor(), lifetime));
        }
    }

    static String hours(Duration lifetime) {
        long minutes = lifetime.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
    }
}
