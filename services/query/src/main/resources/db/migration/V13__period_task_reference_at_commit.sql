-- The consumer applies a poll's events in one transaction and lets Hibernate write its entities in
-- batches at one flush before commit. A registration's first stretch of the timeline is inserted by a
-- native statement at once, while the task it belongs to (filed in the same poll) may still wait for
-- that flush: the reference is checked at commit, when both are written, not statement by statement.
ALTER TABLE task_period ALTER CONSTRAINT task_period_task_id_fkey DEFERRABLE INITIALLY DEFERRED;
