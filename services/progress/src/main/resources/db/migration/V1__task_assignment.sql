-- What the progress service knows of each task, learned from the registration events: who asked
-- for it, who must do it, and where registration stands. Never read from registration's schema.
CREATE TABLE task_assignment (
    task_id          UUID         PRIMARY KEY,
    region_code      VARCHAR(6)   NOT NULL,
    requester_unit   VARCHAR(100) NOT NULL,
    responsible_unit VARCHAR(100),
    status           VARCHAR(20)  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
