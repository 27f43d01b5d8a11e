package org.duallist.platform.metrics;

/**
 * The names of the suite's own metrics on {@code /q/metrics}, exactly as Prometheus shows them
 * (a histogram adds {@code _bucket}, {@code _count}, {@code _sum} and {@code _max} to its name).
 * The alert rules and the dashboard in {@code deploy/observability} use these names, and a test
 * there checks that they use no other; README "Metrics" says what each one means.
 * Tags are low-cardinality only: never a task id.
 */
public final class MetricNames {

    /** Timer (histogram) of every Axon command handled; tags {@code command}, {@code outcome}. */
    public static final String COMMANDS = "dual_list_command_seconds";
    /** Events in the service's event store not yet published to Kafka (head index minus the publisher's position). */
    public static final String PUBLISHER_LAG = "dual_list_publisher_lag_events";
    /** Global index of the event store up to which the publisher has published. */
    public static final String PUBLISHER_POSITION = "dual_list_publisher_position";
    /** Records on a topic's assigned partitions that the service's projections have not applied; tags {@code group}, {@code topic}. */
    public static final String PROJECTION_RECORDS_BEHIND = "dual_list_projection_records_behind";
    /** Seconds since the projections of a topic last had every record applied (0 while caught up); tags {@code group}, {@code topic}. */
    public static final String PROJECTION_LAG = "dual_list_projection_lag_seconds";
    /** Events applied by the projections of a topic (duplicates skipped); tags {@code group}, {@code topic}. */
    public static final String PROJECTION_EVENTS_APPLIED = "dual_list_projection_events_applied_total";
    /**
     * Events a topic's projections passed over because they reached Kafka ahead of their task's earlier
     * event (a broker crash); each applies when its publisher sends both again. Tags {@code group}, {@code topic}.
     */
    public static final String PROJECTION_EVENTS_AHEAD_OF_PREDECESSOR = "dual_list_projection_events_ahead_of_predecessor_total";
    /** Partitions of a topic assigned to this member of the service's consumer group; tags {@code group}, {@code topic}. */
    public static final String CONSUMER_ASSIGNED_PARTITIONS = "dual_list_consumer_assigned_partitions";
    /** Tasks overdue today (query service's read model), tag {@code region} (county code). */
    public static final String OVERDUE_TASKS = "dual_list_overdue_tasks";
    /** Supervision notices (督办单) issued by the supervision service; tags {@code grade}, {@code trigger} (schedule, manual). */
    public static final String SUPERVISION_NOTICES = "dual_list_supervision_notices_issued_total";
    /** Webhook delivery attempts by the query service; tag {@code outcome} (delivered, failed, given_up). */
    public static final String WEBHOOK_DELIVERIES = "dual_list_webhook_deliveries_total";

    /** Kafka's own consumer metric (bound by Micrometer's KafkaClientMetrics): the largest lag of any partition. */
    public static final String KAFKA_CONSUMER_RECORDS_LAG_MAX = "kafka_consumer_fetch_manager_records_lag_max";
    /** Kafka's own producer metric: records per second that the publisher's sends failed. */
    public static final String KAFKA_PRODUCER_RECORD_ERROR_RATE = "kafka_producer_record_error_rate";

    /** Tag values of {@link #COMMANDS}' {@code outcome}. */
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";

    private MetricNames() {
    }
}
