-- A reopened task (重新办理) needs a new acceptance before it can be closed again: count them.
ALTER TABLE task_acceptance ADD COLUMN acceptances INT NOT NULL DEFAULT 0;
UPDATE task_acceptance SET acceptances = 1 WHERE accepted;
