package org.duallist.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.duallist.contracts.EventJson;
import org.duallist.platform.tracing.CommandLogContext;
import org.duallist.platform.tracing.TraceContextMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Axon Framework inside Quarkus without Spring: one configuration per service, built at start-up
 * from the service's {@link AxonModule}s, storing events and processor tokens through JDBC in the
 * service's own schema (bytea columns, plain SQL) and running in the service's JTA transactions.
 * Events stored at an earlier revision of their contract are read as the current record
 * ({@link ContractRevisionUpcaster}).
 * Services without an AxonModule (the query service) start no Axon at all.
 *
 * <p>The tables ({@code domainevententry}, {@code snapshotevententry}, {@code tokenentry}) come from
 * the service's Flyway migrations, run by the schema's owner: the role the service runs as may only
 * append to and read the event store, never create, change or delete anything in it.
 */
@Startup
@ApplicationScoped
public class AxonRuntime {

    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);
    /** Events read per query when an aggregate is loaded (Axon's default). */
    static final int AGGREGATE_READ_BATCH = 100;

    private final DataSource dataSource;
    private final jakarta.transaction.TransactionManager jta;
    private final Instance<AxonModule> modules;
    private final String nodeId;

    private Configuration configuration;

    AxonRuntime(DataSource dataSource, jakarta.transaction.TransactionManager jta, Instance<AxonModule> modules,
                @ConfigProperty(name = "quarkus.application.name") String nodeId) {
        this.dataSource = dataSource;
        this.jta = jta;
        this.modules = modules;
        this.nodeId = nodeId + "@" + ProcessHandle.current().pid();
    }

    @PostConstruct
    void start() {
        if (modules.isUnsatisfied()) {
            return;
        }
        // the store is built with the configuration, after the transaction manager that wakes it
        AtomicReference<CommitAwareEventStore> eventStore = new AtomicReference<>();
        TransactionManager transactionManager = new JtaTransactionManager(jta, () -> {
            CommitAwareEventStore store = eventStore.get();
            if (store != null) {
                store.eventsCommitted();
            }
        });
        // Plain connections from the JTA-aware pool: a connection taken inside a transaction is enlisted in
        // it and committed with it. Axon's UnitOfWorkAwareConnectionProviderWrapper would commit it itself.
        ConnectionProvider connections = new DataSourceConnections(dataSource);
        ObjectMapper mapper = EventJson.newMapper();
        Serializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

        EventUpcaster upcasters = new ContractRevisionUpcaster();
        JdbcEventStorageEngine.Builder storageBuilder = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(upcasters)
                .persistenceExceptionResolver(new UniqueViolationResolver());
        storageBuilder.batchSize(AGGREGATE_READ_BATCH);
        // Each read asks for a range of sequence numbers, and an aggregate's sequence has no gaps (appends are
        // contiguous and all-or-nothing): a batch shorter than the range is the last. Axon's JDBC default reads
        // on until an empty batch, one more round trip on every aggregate load.
        storageBuilder.finalAggregateBatchPredicate(batch -> batch.size() < AGGREGATE_READ_BATCH);
        JdbcEventStorageEngine storage = new SnapshotFreeEventStorageEngine(storageBuilder);
        JdbcTokenStore tokenStore = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .nodeId(nodeId)
                .build();
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureTransactionManager(c -> transactionManager)
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureEventStore(c -> {
                    // as configureEmbeddedEventStore builds it, but commit-aware
                    CommitAwareEventStore store = new CommitAwareEventStore(EmbeddedEventStore.builder()
                            .storageEngine(storage)
                            .messageMonitor(c.messageMonitor(EmbeddedEventStore.class, "eventStore")));
                    c.onShutdown(store::shutDown);
                    eventStore.set(store);
                    return store;
                });
        // The engine exists before the configuration (the schema is created with it), so it holds the
        // upcasters itself; registered here too, the configuration answers the same chain to whoever asks.
        configurer.registerEventUpcaster(c -> upcasters);
        configurer.eventProcessing().registerTokenStore(c -> tokenStore);
        modules.forEach(module -> module.configure(configurer));
        configuration = configurer.buildConfiguration();
        // Before start: the trace context of the work that stores an event goes with it into the event store
        // (for the publisher's span), and the task a command is about into every log line of its handling.
        configuration.eventBus().registerDispatchInterceptor(new TraceContextMetadata());
        configuration.commandBus().registerHandlerInterceptor(new CommandLogContext());
        configuration.start();
        LOG.infof("Axon started as node %s", nodeId);
    }

    void stop(@Observes ShutdownEvent event) {
        // Here rather than in @PreDestroy: by then the datasource may already be closed.
        if (configuration != null) {
            configuration.shutdown();
            configuration = null;
        }
    }

    public Configuration configuration() {
        if (configuration == null) {
            throw new IllegalStateException("this service configures no Axon module");
        }
        return configuration;
    }

    @Produces
    @Singleton
    CommandGateway commandGateway() {
        return configuration().commandGateway();
    }

    @Produces
    @Singleton
    EventStore eventStore() {
        return configuration().eventStore();
    }

    @Produces
    @Singleton
    TokenStore tokenStore() {
        return configuration().getComponent(TokenStore.class);
    }

    private record DataSourceConnections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }
    }
}
