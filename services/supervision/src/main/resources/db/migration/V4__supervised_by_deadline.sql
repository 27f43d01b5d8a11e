-- The evaluation pass reads the supervised tasks a page at a time in the order of their deadlines,
-- each page starting after the last one's (deadline, task): an index range scan instead of sorting
-- every supervised task once per page.
CREATE INDEX task_facts_supervised_deadline_idx ON task_facts (deadline, task_id)
    WHERE status IN ('REGISTERED', 'CLAIMED', 'RETURNED') AND deadline IS NOT NULL;
DROP INDEX task_facts_supervised_idx;
