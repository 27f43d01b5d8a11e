package org.duallist.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.duallist.platform.axon.AxonModule;
import org.duallist.platform.axon.AxonRuntime;
import org.duallist.platform.messaging.KafkaEventPublisher;
import org.jboss.logging.Logger;

/**
 * How far the Kafka publisher is behind the event store: the highest global index stored minus the
 * position of the publisher's token. Read from the tables, not from the processor, so that every
 * replica reports the same figure whichever of them holds the token. Refreshed on a schedule, off the
 * scrape: a scrape never waits for the database.
 */
@ApplicationScoped
public class PublisherMetrics {

    private static final Logger LOG = Logger.getLogger(PublisherMetrics.class);
    private static final String HEAD = "SELECT max(globalIndex) FROM DomainEventEntry";
    private static final String TOKENS = "SELECT token, tokenType FROM TokenEntry WHERE processorName = ?";

    private final MeterRegistry registry;
    private final DataSource dataSource;
    private final Instance<AxonModule> modules;
    private final Instance<AxonRuntime> runtime;
    private volatile Serializer serializer;
    private volatile double lag = Double.NaN;
    private volatile double position = Double.NaN;

    PublisherMetrics(MeterRegistry registry, DataSource dataSource, Instance<AxonModule> modules, Instance<AxonRuntime> runtime) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.modules = modules;
        this.runtime = runtime;
    }

    void register(@Observes StartupEvent event) {
        if (modules.isUnsatisfied()) {
            return;
        }
        serializer = runtime.get().configuration().serializer();
        Gauge.builder(MetricNames.PUBLISHER_LAG, this, metrics -> metrics.lag)
                .description("Events stored but not yet published to Kafka")
                .register(registry);
        Gauge.builder(MetricNames.PUBLISHER_POSITION, this, metrics -> metrics.position)
                .description("Global index of the event store up to which events are published to Kafka")
                .register(registry);
        refresh();
    }

    @Scheduled(identity = "dual-list-publisher-metrics", every = "${dual-list.metrics.refresh-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (serializer == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            long head = head(connection);
            long published = published(connection);
            position = published;
            lag = Math.max(0, head - published);
        } catch (SQLException | RuntimeException e) {
            // the figures go stale rather than wrong; the database's own health check reports the outage
            LOG.debugf("Publisher lag not refreshed: %s", e);
        }
    }

    private static long head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HEAD); ResultSet rows = statement.executeQuery()) {
            rows.next();
            long head = rows.getLong(1);
            return rows.wasNull() ? 0 : head;
        }
    }

    /** The lowest position of the publisher's segments (it runs one); 0 before it has published anything. */
    private long published(Connection connection) throws SQLException {
        long lowest = Long.MAX_VALUE;
        try (PreparedStatement statement = connection.prepareStatement(TOKENS)) {
            statement.setString(1, KafkaEventPublisher.PROCESSOR);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byte[] token = rows.getBytes(1);
                    String type = rows.getString(2);
                    long segmentPosition = token == null || type == null ? 0 : positionOf(token, type);
                    lowest = Math.min(lowest, segmentPosition);
                }
            }
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    private long positionOf(byte[] token, String type) {
        TrackingToken tracking = serializer.deserialize(
                new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
        return tracking == null ? 0 : tracking.position().orElse(0);
    }
}
