-- A task the office reopened (重新办理) takes work again until a new completion is accepted: count
-- the reopenings, which each undo one acceptance.
ALTER TABLE task_assignment ADD COLUMN reopenings INT NOT NULL DEFAULT 0;
