-- Each topic is projected by its own consumer thread: two of them changing one task at once must not
-- overwrite each other's columns, so the row carries a version and the loser retries.
ALTER TABLE task ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- Supervision (督查督办) as the supervision service's events tell it, on each task's row.
ALTER TABLE task ADD COLUMN light                 VARCHAR(10);
ALTER TABLE task ADD COLUMN light_since           DATE;
-- the highest grade of supervision notice issued on the task so far
ALTER TABLE task ADD COLUMN grade                 VARCHAR(20);
ALTER TABLE task ADD COLUMN notice_count          INTEGER NOT NULL DEFAULT 0;
ALTER TABLE task ADD COLUMN last_audit_outcome    VARCHAR(10);
ALTER TABLE task ADD COLUMN last_audited_at       TIMESTAMPTZ;
-- business date (Asia/Shanghai) of the acceptance that stands, for the on-time completion rate
ALTER TABLE task ADD COLUMN completed_on          DATE;
ALTER TABLE task ADD COLUMN acceptance_count      INTEGER NOT NULL DEFAULT 0;
ALTER TABLE task ADD COLUMN closed_at             TIMESTAMPTZ;

-- 督办单: every notice with its reply (整改反馈); rows are added and answered, never removed.
CREATE TABLE supervision_notice (
    notice_id     UUID          PRIMARY KEY,
    task_id       UUID          NOT NULL REFERENCES task (id),
    grade         VARCHAR(20)   NOT NULL,
    reason        VARCHAR(1000) NOT NULL,
    reply_due     DATE,
    manual        BOOLEAN       NOT NULL,
    issued_on     DATE          NOT NULL,
    issued_at     TIMESTAMPTZ   NOT NULL,
    issued_by     VARCHAR(200)  NOT NULL,
    response      VARCHAR(4000),
    responded_at  TIMESTAMPTZ,
    responded_on  DATE,
    response_late BOOLEAN
);
CREATE INDEX supervision_notice_task_idx ON supervision_notice (task_id, issued_on, issued_at);
CREATE INDEX supervision_notice_issued_on_idx ON supervision_notice (issued_on, grade);

-- 核查/复核: the office's audits of accepted tasks.
CREATE TABLE task_audit (
    audit_id   UUID          PRIMARY KEY,
    task_id    UUID          NOT NULL REFERENCES task (id),
    outcome    VARCHAR(10)   NOT NULL,
    findings   VARCHAR(4000),
    audited_at TIMESTAMPTZ   NOT NULL,
    auditor    VARCHAR(200)  NOT NULL
);
CREATE INDEX task_audit_task_idx ON task_audit (task_id, audited_at);

-- What each registered task looked like on each business day, for answers "as of" a past date:
-- one row per stretch of days [valid_from, valid_to) in which nothing that the overdue list and the
-- statistics depend on changed. Each aspect comes from one topic (deadline, units, lifecycle and
-- reopenings from registration; acceptances from progress; the grade from supervision), so that each
-- is applied in its own order even when the topics are read at different speeds: a change "from day
-- X on" splits the stretch containing X and sets the aspect on every stretch from X.
CREATE TABLE task_period (
    task_id          UUID         NOT NULL REFERENCES task (id),
    valid_from       DATE         NOT NULL,
    valid_to         DATE,
    responsible_unit VARCHAR(100) NOT NULL,
    deadline         DATE         NOT NULL,
    -- registered and neither withdrawn nor closed
    open             BOOLEAN      NOT NULL,
    closed           BOOLEAN      NOT NULL,
    acceptances      INTEGER      NOT NULL DEFAULT 0,
    last_accepted_on DATE,
    reopenings       INTEGER      NOT NULL DEFAULT 0,
    grade_rank       INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, valid_from)
);
-- the stretch in force now, and the stretches that cover a past day
CREATE INDEX task_period_current_idx ON task_period (task_id) WHERE valid_to IS NULL;
CREATE INDEX task_period_day_idx ON task_period (valid_from, valid_to);
CREATE INDEX task_period_unit_idx ON task_period (responsible_unit, valid_from);

-- Tasks registered before this table existed get one stretch from their registration with what is
-- known now; a rebuild of the read model from Kafka gives them their full timeline.
INSERT INTO task_period (task_id, valid_from, responsible_unit, deadline, open, closed, acceptances, last_accepted_on, reopenings)
SELECT id, (registered_at AT TIME ZONE 'Asia/Shanghai')::date, responsible_unit, deadline, open, status = 'CLOSED',
       CASE WHEN accepted_at IS NULL THEN 0 ELSE 1 END, (accepted_at AT TIME ZONE 'Asia/Shanghai')::date, 0
FROM task WHERE registered_at IS NOT NULL AND responsible_unit IS NOT NULL AND deadline IS NOT NULL;
UPDATE task SET acceptance_count = 1, completed_on = (accepted_at AT TIME ZONE 'Asia/Shanghai')::date WHERE accepted_at IS NOT NULL;
