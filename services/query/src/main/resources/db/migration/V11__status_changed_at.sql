-- The business time of the event that set the task's status. The projection reads three topics
-- independently, so a task's events may arrive out of their causal order (a progress report before
-- the claim it follows); the status is the one of the latest event by business time, whatever the
-- order of arrival, and a live read model equals its rebuild. Rows from before take their last change.
ALTER TABLE task ADD COLUMN status_changed_at TIMESTAMPTZ;
UPDATE task SET status_changed_at = updated_at;
