-- What registration learns from the progress events: whether the requester accepted a task's
-- completion (验收), which closing (销号) and withdrawal depend on.
CREATE TABLE task_acceptance (
    task_id     UUID        PRIMARY KEY,
    accepted    BOOLEAN     NOT NULL,
    accepted_at TIMESTAMPTZ
);
