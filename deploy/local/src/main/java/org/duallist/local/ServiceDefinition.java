package org.duallist.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every service of the local stack, one line each: name (also its module directory under
 * {@code services/} and its PostgreSQL role; {@code <name>_owner} owns its schema), the environment
 * variable that overrides its HTTP port, the default port, and its database schema.
 */
public enum ServiceDefinition {
    QUERY("query", "QUERY_PORT", 8080, "query", "query API (ledger, one task and its history, overdue list)"),
    REGISTRATION("registration", "REG_PORT", 8081, "registration",
            "registration API (filing, registration, claims, returns, reassignment, withdrawal, extensions)"),
    PROGRESS("progress", "PROGRESS_PORT", 8082, "progress",
            "progress API (progress reports, obstacles, completion, acceptance, rating)"),
    SUPERVISION("supervision", "SUPERVISION_PORT", 8083, "supervision",
            "supervision API (warning lights, supervision notices, rectification responses, audits)");

    private final String serviceName;
    private final String portVariable;
    private final int defaultPort;
    private final String schema;
    private final String description;

    ServiceDefinition(String serviceName, String portVariable, int defaultPort, String schema, String description) {
        this.serviceName = serviceName;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
        this.schema = schema;
        this.description = description;
    }

    public String serviceName() {
        return serviceName;
    }

    public String portVariable() {
        return portVariable;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Schema in database {@code duallist}; {@link #ownerRole()} owns it. */
    public String schema() {
        return schema;
    }

    /**
     * The PostgreSQL login role the service runs as: it may use the schema and read and write rows as
     * the migrations grant it, append only to the event store, and change no table.
     */
    public String role() {
        return serviceName;
    }

    /** The PostgreSQL login role that owns the schema and every table in it and runs the service's migrations. */
    public String ownerRole() {
        return serviceName + "_owner";
    }

    public String description() {
        return description;
    }

    /** The packaged Quarkus application ({@code ./mvnw package} builds it). */
    public Path runJar(Path repoRoot) {
        return repoRoot.resolve("services").resolve(serviceName).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static ServiceDefinition byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.serviceName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "' (known: "
                        + Arrays.stream(values()).map(ServiceDefinition::serviceName).collect(Collectors.joining(", ")) + ")"));
    }
}
