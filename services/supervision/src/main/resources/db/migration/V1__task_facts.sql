-- What the supervision service knows of each task, learned from the registration and progress
-- events: where and whose it is, its deadline as it stands now, its lifecycle and how far the work is.
-- Never read from another service's schema. Two consumer threads (one per topic) update a row, so it
-- carries a version and the loser of a race retries its batch.
CREATE TABLE task_facts (
    task_id              UUID         PRIMARY KEY,
    region_code          VARCHAR(6)   NOT NULL,
    task_list            VARCHAR(32)  NOT NULL,
    category             VARCHAR(40)  NOT NULL,
    list_year            INTEGER      NOT NULL,
    title                VARCHAR(100) NOT NULL,
    requester_unit       VARCHAR(100) NOT NULL,
    responsible_unit     VARCHAR(100),
    -- the deadline from now on: moved by approved extensions, reassignments and reopenings
    deadline             DATE,
    -- SUBMITTED, REGISTERED, CLAIMED, RETURNED, DECLINED, WITHDRAWN, CLOSED
    status               VARCHAR(20)  NOT NULL,
    -- business date (Asia/Shanghai) on which the current round of work began: the claim, or a reopening
    claimed_on           DATE,
    percent              INTEGER      NOT NULL DEFAULT 0,
    -- a completion report awaits the requester's acceptance
    completion_reported  BOOLEAN      NOT NULL DEFAULT FALSE,
    accepted_completions INTEGER      NOT NULL DEFAULT 0,
    -- each reopening undoes one accepted completion
    reopenings           INTEGER      NOT NULL DEFAULT 0,
    updated_at           TIMESTAMPTZ  NOT NULL,
    version              BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE task_facts_co_unit (
    task_id  UUID         NOT NULL REFERENCES task_facts (task_id) ON DELETE CASCADE,
    position INTEGER      NOT NULL,
    unit     VARCHAR(100) NOT NULL,
    PRIMARY KEY (task_id, position)
);

-- The scheduler's pass reads the supervised tasks only.
CREATE INDEX task_facts_supervised_idx ON task_facts (status) WHERE status IN ('REGISTERED', 'CLAIMED', 'RETURNED');
