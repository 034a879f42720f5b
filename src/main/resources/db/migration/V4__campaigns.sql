-- Campaigns: one rollout across many fleet environments, in waves; stored after every event so
-- that a restarted server resumes each one where it stood.
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  action TEXT NOT NULL,
  image TEXT NOT NULL,
  tag TEXT,
  canaries TEXT NOT NULL,
  soak_ms BIGINT NOT NULL,
  batch_size INTEGER NOT NULL,
  halt_after INTEGER NOT NULL,
  deadline_ms BIGINT NOT NULL,
  wave INTEGER NOT NULL,
  phase TEXT NOT NULL,
  soak_until TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX campaigns_phase ON campaigns (phase);

-- Each environment's part in a campaign: its wave, what it is sent, and what it reported.
CREATE TABLE campaign_environments (
  campaign_id TEXT NOT NULL REFERENCES campaigns (id),
  environment TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  wave INTEGER NOT NULL,
  targets TEXT NOT NULL,
  state TEXT NOT NULL,
  command_id TEXT,
  turn_started_at TEXT,
  message TEXT,
  log_tail TEXT,
  PRIMARY KEY (campaign_id, environment)
);
