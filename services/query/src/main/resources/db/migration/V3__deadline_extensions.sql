-- Extensions (延期): the deadline as first assigned, how often it moved, and a request awaiting the office.
ALTER TABLE task ADD COLUMN original_deadline  DATE;
ALTER TABLE task ADD COLUMN extension_count    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE task ADD COLUMN requested_deadline DATE;
UPDATE task SET original_deadline = deadline WHERE deadline IS NOT NULL;
