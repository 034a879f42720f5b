-- Updates waiting for a human (mode approval): refit approve <id>, or the API.
CREATE TABLE approvals (
  id ${identity},
  target_kind TEXT NOT NULL,
  target_name TEXT NOT NULL,
  location TEXT NOT NULL,
  from_image TEXT,
  to_image TEXT NOT NULL,
  to_digest TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT
);
CREATE INDEX approvals_status ON approvals (status);

-- When Refit first saw each available update: the clock of the minimum age, and whether
-- "update available" was already announced (so a restart does not announce it again).
CREATE TABLE sightings (
  target_kind TEXT NOT NULL,
  target_name TEXT NOT NULL,
  location TEXT NOT NULL,
  to_image TEXT NOT NULL,
  to_digest TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  PRIMARY KEY (target_kind, location, target_name, to_image, to_digest)
);
