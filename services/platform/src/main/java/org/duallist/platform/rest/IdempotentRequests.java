package org.duallist.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;

/**
 * Makes a command safe to retry: a request that carries an {@code Idempotency-Key} header runs in
 * one database transaction with the record of its key, and a retry with the same key by the same
 * user gets the first answer again instead of running again. The key's row is written first, so a
 * concurrent retry waits on it and then reads the stored answer; a failed command leaves no row,
 * so its retry runs afresh. The table {@code idempotent_request} comes from the Flyway migrations
 * of each service that takes commands.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final DataSource dataSource;
    private final ObjectMapper json;

    IdempotentRequests(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Runs {@code command} once per key and user.
     *
     * @param key         the Idempotency-Key header, or null for a request that is not to be deduplicated
     * @param principal   the caller, so that two users' keys never meet
     * @param requestText what identifies the request (method, path, body): the same key with
     *                    another request is refused
     */
    public Response execute(String key, String principal, String requestText, Supplier<Response> command) {
        if (key == null) {
            return command.get();
        }
        if (!KEY_SHAPE.matcher(key).matches()) {
            throw new InvalidFieldsException(HEADER, "must be 1 to 100 visible ASCII characters");
        }
        String fingerprint = sha256(requestText);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!claim(principal, key, fingerprint)) {
                return replay(principal, key, fingerprint);
            }
            Response response = command.get();
            record(principal, key, response);
            return response;
        });
    }

    private boolean claim(String principal, String key, String fingerprint) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO idempotent_request (principal, key, fingerprint) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, principal);
            insert.setString(2, key);
            insert.setString(3, fingerprint);
            return insert.executeUpdate() == 1;
        }
    }

    private void record(String principal, String key, Response response) throws SQLException, JsonProcessingException {
        String body = response.getEntity() == null ? null : json.writeValueAsString(response.getEntity());
        URI location = response.getLocation();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE idempotent_request SET status = ?, location = ?, body = ? WHERE principal = ? AND key = ?")) {
            update.setInt(1, response.getStatus());
            update.setString(2, location == null ? null : location.toString());
            update.setString(3, body);
            update.setString(4, principal);
            update.setString(5, key);
            update.executeUpdate();
        }
    }

    private Response replay(String principal, String key, String fingerprint) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT fingerprint, status, location, body FROM idempotent_request WHERE principal = ? AND key = ?")) {
            select.setString(1, principal);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getObject("status") == null) {
                    throw new StateConflictException("a request with this " + HEADER + " is still being processed; retry");
                }
                if (!fingerprint.equals(row.getString("fingerprint"))) {
                    throw new InvalidFieldsException(HEADER, "was already used for a different request");
                }
                Response.ResponseBuilder answer = Response.status(row.getInt("status")).header(REPLAYED_HEADER, "true");
                if (row.getString("location") != null) {
                    answer.header(HttpHeaders.LOCATION, row.getString("location"));
                }
                if (row.getString("body") != null) {
                    answer.entity(row.getString("body")).type(MediaType.APPLICATION_JSON_TYPE);
                }
                return answer.build();
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
