-- The last event sequence applied per producing service and task (platform AppliedEventLedger), which
-- the service used to create for itself at run time; IF NOT EXISTS: a schema from before has it already.
CREATE TABLE IF NOT EXISTS applied_event_sequence (
    stream        VARCHAR(100) NOT NULL,
    subject       VARCHAR(100) NOT NULL,
    last_sequence BIGINT       NOT NULL,
    applied_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (stream, subject)
);
