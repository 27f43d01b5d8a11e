-- The service runs as ${runtime_role}, which owns nothing here: the schema and its tables belong to the
-- role that runs these migrations, which grants the service's role what its code needs, table by table.
-- No DDL at all, and no UPDATE, DELETE or TRUNCATE on what is only ever appended to.
-- All is revoked first, so that this migration states the whole of it, also for a schema that the
-- service's role owned before (the launcher has handed its tables to the owner).
REVOKE ALL ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} FROM ${runtime_role};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} FROM ${runtime_role};
REVOKE ALL ON SCHEMA ${flyway:defaultSchema} FROM ${runtime_role};
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${runtime_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} TO ${runtime_role};

-- The trail: events are appended and read, never changed or removed. Axon stores a snapshot by
-- deleting the aggregate's older snapshots first, so snapshots would need DELETE on
-- SnapshotEventEntry; none are configured (no aggregate has a snapshot trigger).
GRANT SELECT, INSERT ON DomainEventEntry, SnapshotEventEntry TO ${runtime_role};
-- Changed in place: the publisher's token (claimed, advanced and released; JdbcTokenStore deletes a
-- row only when segments are merged, and the one-segment publisher never merges), the applied-event
-- ledger, the idempotency records (answered after their command) and the read model.
GRANT SELECT, INSERT, UPDATE ON TokenEntry, applied_event_sequence, idempotent_request, task_facts TO ${runtime_role};
-- Hibernate rewrites a task's co-units (an element collection) by deleting and inserting rows.
GRANT SELECT, INSERT, UPDATE, DELETE ON task_facts_co_unit TO ${runtime_role};

-- Tables and sequences of later migrations: readable and append-only until a migration grants more.
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT SELECT, INSERT ON TABLES TO ${runtime_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT USAGE, SELECT ON SEQUENCES TO ${runtime_role};
