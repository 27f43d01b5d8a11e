-- 重新办理: how often the office reopened a task after an accepted completion or a closing.
ALTER TABLE task ADD COLUMN reopen_count INT NOT NULL DEFAULT 0;
