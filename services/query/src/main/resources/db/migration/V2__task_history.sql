-- The audit trail: every event of every task, in the order it happened, with who did it. Rows are
-- only ever inserted; nothing updates or deletes them.
CREATE TABLE task_history_entry (
    id          BIGSERIAL    PRIMARY KEY,
    task_id     UUID         NOT NULL,
    event_id    VARCHAR(100) NOT NULL UNIQUE,
    source      VARCHAR(100) NOT NULL,
    sequence    BIGINT       NOT NULL,
    type        VARCHAR(100) NOT NULL,
    label       VARCHAR(50)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    actor_user  VARCHAR(200),
    actor_role  VARCHAR(20),
    actor_unit  VARCHAR(100),
    actor_region VARCHAR(6),
    details     TEXT         NOT NULL
);
CREATE INDEX task_history_entry_task_idx ON task_history_entry (task_id, occurred_at, id);
