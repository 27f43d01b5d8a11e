-- Which revision of its event type's payload each step's details were written at, so that steps
-- written before a type's newer revision are answered in the current shape (through the contracts'
-- upcasters) while the rows themselves stay exactly as written. Every step written before this
-- column existed is at revision 1: no type had another then.
ALTER TABLE task_history_entry ADD COLUMN details_revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE task_history_entry ALTER COLUMN details_revision DROP DEFAULT;
