-- Tables the service used to create for itself at run time, now created here, by the schema's owner.
-- IF NOT EXISTS: a schema from before this migration has them already (the launcher hands them to
-- the owner). The event store and token tables are exactly what Axon's PostgresEventTableFactory
-- and PostgresTokenTableFactory create (Axon 4.13): bytea payloads, globalIndex from a BIGSERIAL.

-- The event store: every event of every aggregate, in the order it was appended.
CREATE TABLE IF NOT EXISTS DomainEventEntry (
    globalIndex BIGSERIAL NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255),
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData bytea,
    payload bytea NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

-- Aggregate snapshots (none are configured today: every aggregate is rebuilt from its events).
CREATE TABLE IF NOT EXISTS SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData bytea,
    payload bytea NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

-- Where each event processor (the Kafka publisher) stands in the event store, and who claims it.
CREATE TABLE IF NOT EXISTS TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment INTEGER NOT NULL,
    token bytea NULL,
    tokenType VARCHAR(255) NULL,
    timestamp VARCHAR(255) NULL,
    owner VARCHAR(255) NULL,
    PRIMARY KEY (processorName,segment)
);

-- The last event sequence applied per producing service and task (platform AppliedEventLedger).
CREATE TABLE IF NOT EXISTS applied_event_sequence (
    stream        VARCHAR(100) NOT NULL,
    subject       VARCHAR(100) NOT NULL,
    last_sequence BIGINT       NOT NULL,
    applied_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (stream, subject)
);

-- Commands sent with an Idempotency-Key and their answers (platform IdempotentRequests).
CREATE TABLE IF NOT EXISTS idempotent_request (
    principal   VARCHAR(200) NOT NULL,
    key         VARCHAR(100) NOT NULL,
    fingerprint VARCHAR(64)  NOT NULL,
    status      INTEGER,
    location    VARCHAR(500),
    body        TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
