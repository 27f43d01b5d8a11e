package org.duallist.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.RegionCode;
import org.duallist.contracts.UnitSide;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./dual-list token}: prints a bearer token signed with the key pair of the data dir, which
 * the stack on that data dir accepts. Starts nothing and needs no running stack; creates the key
 * pair if the data dir has none yet. The token alone is the last line of stdout (all else goes to
 * stderr), so that {@code TOKEN=$(./dual-list token ... | tail -1)} works.
 */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = "Prints a bearer token for the API of the local stack, signed with the key pair in the data dir "
                + "(created if missing; `up --reset` replaces it, which invalidates earlier tokens). Starts nothing.",
        footer = {
            "",
            "Examples:",
            "  ./dual-list token --role leader --region 150100",
            "  ./dual-list token --role office --region 150100 --hours 2",
            "  ./dual-list token --role unit --region 150100 --unit 呼和浩特市教育局 --side civil",
            "  ./dual-list token --demo",
            "  TOKEN=$(./dual-list token --role leader --region 150100 | tail -1)",
            "  curl -H \"Authorization: Bearer $TOKEN\" localhost:8080/api/tasks/overdue",
            "",
            "Environment:",
            "  DUAL_LIST_DATA        data dir (default <repo>/.data)"
        })
class TokenCommand implements Callable<Integer> {

    static final int MAX_HOURS = 24 * 366;

    @Option(names = "--role", paramLabel = "unit|office|leader",
            description = "unit (requester or responsible unit), office (双拥办: registers, declines, files for units) or leader (reads).")
    String role;

    @Option(names = "--region", paramLabel = "CODE",
            description = "6-digit GB/T 2260 code of the region the user works in, e.g. 150100 (a city also covers its counties).")
    String region;

    @Option(names = "--unit", paramLabel = "NAME", description = "The unit's name (role unit only), e.g. 呼和浩特市教育局.")
    String unit;

    @Option(names = "--side", paramLabel = "military|civil",
            description = "Role unit only: military (files on SUPPORT_THE_MILITARY) or civil (files on SUPPORT_THE_PEOPLE).")
    String side;

    @Option(names = "--user", paramLabel = "NAME",
            description = "The user name (default: office-<region>, leader-<region>, unit-<unit>).")
    String user;

    @Option(names = "--hours", paramLabel = "N", description = "How long the token is valid, in hours (default 12).")
    Integer hours;

    @Option(names = "--demo", description = "Print labelled tokens of the demo's users instead: offices, leaders, two units.")
    boolean demo;

    private final Path dataDir;
    private final PrintStream stdout;
    private final PrintStream stderr;

    TokenCommand() {
        this(null, null, null);
    }

    /** For tests: a data dir instead of {@code DUAL_LIST_DATA}, and streams instead of stdout and stderr. */
    TokenCommand(Path dataDir, PrintStream stdout, PrintStream stderr) {
        this.dataDir = dataDir;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        PrintStream out = stdout == null ? System.out : stdout;
        PrintStream err = stderr == null ? System.err : stderr;
        Duration lifetime;
        Actor actor = null;
        try {
            lifetime = lifetime();
            if (demo) {
                if (role != null || region != null || unit != null || side != null || user != null) {
                    throw new UsageException("--demo takes no --role, --region, --unit, --side or --user (only --hours)");
                }
            } else {
                actor = actor();
            }
        } catch (UsageException e) {
            err.println("dual-list token: " + e.getMessage());
            err.println("Try ./dual-list token --help");
            return 2;
        }

        Path dataDir = this.dataDir != null ? this.dataDir
                : StackConfig.dataDir(System.getenv(), DualListCommand.repoRoot());
        LocalTokens tokens;
        try {
            tokens = LocalTokens.forDataDir(dataDir);
        } catch (IOException | RuntimeException e) {
            err.println("dual-list token: cannot read or create the key pair in " + LocalTokens.keyDir(dataDir) + ": " + e);
            return 1;
        }
        if (demo) {
            tokens.printDemoTokens(out, lifetime);
            return 0;
        }
        String token = tokens.mint(actor, lifetime);
        err.println(describe(actor) + ", valid " + LocalTokens.hours(lifetime) + " until "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault())
                        .format(Instant.now().plus(lifetime))
                + "; signed with " + tokens.keyDir() + ":");
        out.println(token);
        return 0;
    }

    private Duration lifetime() {
        int h = hours == null ? (int) LocalTokens.DEFAULT_LIFETIME.toHours() : hours;
        if (h < 1 || h > MAX_HOURS) {
            throw new UsageException("--hours must be between 1 and " + MAX_HOURS + " (got " + h + ")");
        }
        return Duration.ofHours(h);
    }

    private Actor actor() {
        if (role == null) {
            throw new UsageException("--role is required: unit, office or leader (or --demo for ready-made tokens)");
        }
        ActorRole actorRole = switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "unit" -> ActorRole.UNIT;
            case "office" -> ActorRole.OFFICE;
            case "leader" -> ActorRole.LEADER;
            default -> throw new UsageException("--role must be unit, office or leader (got '" + role + "')");
        };
        if (region == null) {
            throw new UsageException("--region is required: the 6-digit code of the user's region, e.g. 150100");
        }
        String code = region.strip();
        if (!RegionCode.isWellFormed(code)) {
            throw new UsageException("--region must be a 6-digit GB/T 2260 region code such as 150100 or 150102 (got '"
                    + region + "')");
        }
        String unitName = null;
        UnitSide unitSide = null;
        if (actorRole == ActorRole.UNIT) {
            if (unit == null || unit.isBlank()) {
                throw new UsageException("--unit is required for --role unit: the unit's name, e.g. 呼和浩特市教育局");
            }
            if (side == null) {
                throw new UsageException("--side is required for --role unit: military or civil");
            }
            unitName = unit.strip();
            unitSide = switch (side.strip().toLowerCase(Locale.ROOT)) {
                case "military" -> UnitSide.MILITARY;
                case "civil" -> UnitSide.CIVIL;
                default -> throw new UsageException("--side must be military or civil (got '" + side + "')");
            };
        } else if (unit != null || side != null) {
            throw new UsageException("--unit and --side are for --role unit only (an " + actorRole.name().toLowerCase(Locale.ROOT)
                    + " has no unit)");
        }
        if (user != null && user.isBlank()) {
            throw new UsageException("--user must not be blank");
        }
        String userName = user == null ? LocalTokens.defaultUser(actorRole, unitName, code) : user.strip();
        return new Actor(userName, actorRole, unitName, unitSide, code);
    }

    private static String describe(Actor actor) {
        String role = actor.role().name().toLowerCase(Locale.ROOT);
        return "Token of " + actor.user() + " (" + role
                + (actor.role() == ActorRole.UNIT ? " " + actor.unit() + ", " + actor.side().name().toLowerCase(Locale.ROOT) : "")
                + ", region " + actor.region() + ")";
    }

    /** Invalid options: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
