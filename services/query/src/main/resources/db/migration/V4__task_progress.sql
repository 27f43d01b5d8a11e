-- The work on each task, from the progress service's events.
ALTER TABLE task ADD COLUMN percent        INTEGER NOT NULL DEFAULT 0;
ALTER TABLE task ADD COLUMN open_obstacles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE task ADD COLUMN rating         INTEGER;
ALTER TABLE task ADD COLUMN accepted_at    TIMESTAMPTZ;
