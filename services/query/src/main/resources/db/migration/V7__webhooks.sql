-- Webhooks: the office registers a URL for a unit; every notification about that unit's tasks becomes
-- a delivery row in the transaction that applied its event (so none is lost), sent and retried from here.
CREATE TABLE webhook (
    id          UUID          PRIMARY KEY,
    region_code VARCHAR(6)    NOT NULL,
    unit        VARCHAR(100)  NOT NULL,
    url         VARCHAR(2000) NOT NULL,
    secret      VARCHAR(100)  NOT NULL,
    created_by  VARCHAR(200)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_unit_idx ON webhook (unit);

CREATE TABLE webhook_delivery (
    id              UUID          PRIMARY KEY,
    webhook_id      UUID          NOT NULL REFERENCES webhook (id),
    event_id        VARCHAR(100)  NOT NULL,
    type            VARCHAR(40)   NOT NULL,
    payload         TEXT          NOT NULL,
    status          VARCHAR(12)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_attempt_at TIMESTAMPTZ,
    last_status     INTEGER,
    last_error      VARCHAR(1000),
    delivered_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id, created_at);
