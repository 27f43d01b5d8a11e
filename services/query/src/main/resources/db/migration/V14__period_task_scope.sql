-- The leaders' questions (the overdue list and its count, the statistics) filter by region, list,
-- category, year and units and order by deadline. With those attributes only on task, every question
-- joined each stretch in force to its task before it could filter, sort or count: a scan of the whole
-- timeline, whatever the filter (at 100,000 tasks the bench measured it). The attributes never change
-- after filing, so each stretch carries them, and the questions are answered from task_period alone,
-- on indexes that match their filters and order.
ALTER TABLE task_period
    ADD COLUMN list            VARCHAR(32),
    ADD COLUMN region_code     VARCHAR(6),
    ADD COLUMN city_prefix     VARCHAR(4),
    ADD COLUMN province_prefix VARCHAR(2),
    ADD COLUMN year            INTEGER,
    ADD COLUMN category        VARCHAR(40),
    ADD COLUMN requester_unit  VARCHAR(100);

UPDATE task_period p
SET list = t.list, region_code = t.region_code, city_prefix = t.city_prefix, province_prefix = t.province_prefix,
    year = t.year, category = t.category, requester_unit = t.requester_unit
FROM task t
WHERE t.id = p.task_id;

ALTER TABLE task_period
    ALTER COLUMN list SET NOT NULL,
    ALTER COLUMN region_code SET NOT NULL,
    ALTER COLUMN city_prefix SET NOT NULL,
    ALTER COLUMN province_prefix SET NOT NULL,
    ALTER COLUMN year SET NOT NULL,
    ALTER COLUMN category SET NOT NULL,
    ALTER COLUMN requester_unit SET NOT NULL;

-- the overdue list in deadline order, whole region (open stretches only: the others are never overdue)
CREATE INDEX task_period_open_deadline_idx ON task_period (deadline) WHERE open;
-- one responsible unit's tasks by deadline: its overdue list, its statistics, its ledger
DROP INDEX task_period_unit_idx;
CREATE INDEX task_period_unit_deadline_idx ON task_period (responsible_unit, deadline);
-- a county's statistics and ledger, with or without a category
CREATE INDEX task_period_region_category_idx ON task_period (region_code, category);

-- The overdue list has been answered from task_period since V6: these indexes of task served the
-- question before that, and since then only cost every write of an open task.
DROP INDEX task_open_deadline_idx, task_open_city_deadline_idx, task_open_province_deadline_idx, task_open_unit_deadline_idx;
