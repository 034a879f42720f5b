-- Every update Refit attempted, whatever its outcome.
CREATE TABLE history (
  id ${identity},
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_name TEXT NOT NULL,
  location TEXT NOT NULL,
  from_image TEXT,
  to_image TEXT,
  from_digest TEXT,
  to_digest TEXT,
  outcome TEXT NOT NULL,
  message TEXT,
  trigger_source TEXT
);
CREATE INDEX history_started ON history (started_at);

-- Updates in flight: written before each step is taken, so a crashed run can be completed or undone.
CREATE TABLE journal (
  id ${identity},
  kind TEXT NOT NULL,
  target_id TEXT NOT NULL,
  target_name TEXT NOT NULL,
  location TEXT NOT NULL,
  plan TEXT NOT NULL,
  step TEXT NOT NULL,
  state TEXT,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT
);
CREATE INDEX journal_unfinished ON journal (finished_at);
