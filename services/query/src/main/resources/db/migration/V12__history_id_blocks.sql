-- The consumer inserts a poll's history entries in JDBC batches, which needs their ids before the
-- insert: Hibernate takes them from this sequence fifty at a time (allocationSize on TaskHistoryEntry),
-- so the sequence moves in steps of fifty. Ids stay unique and, within one service process, increasing.
ALTER SEQUENCE task_history_entry_id_seq INCREMENT BY 50;
