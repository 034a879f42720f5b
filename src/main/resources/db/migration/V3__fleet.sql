-- Enrolled agents (refit agent): only a hash of each one's secret. A revoked agent stays listed
-- (revoked_at set); its name may be enrolled again.
CREATE TABLE fleet_agents (
  agent_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  labels TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE UNIQUE INDEX fleet_agents_live_name ON fleet_agents (name) WHERE revoked_at IS NULL;

-- Join tokens (refit fleet join-token): hashes only, single use, short-lived.
CREATE TABLE fleet_join_tokens (
  hash TEXT PRIMARY KEY,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  spent_at TEXT
);

-- What each agent last said about itself and its targets, so a restarted server shows the
-- environments it cannot reach yet as they were.
CREATE TABLE fleet_environments (
  agent_id TEXT PRIMARY KEY,
  refit_version TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  swarm_role TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  inventory TEXT
);

-- Final reports of the commands sent to agents: their history as the server heard it.
CREATE TABLE fleet_reports (
  agent_id TEXT NOT NULL,
  command_id TEXT NOT NULL,
  succeeded INTEGER NOT NULL,
  message TEXT NOT NULL,
  log_tail TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  PRIMARY KEY (agent_id, command_id)
);

-- On an agent: the commands it accepted, so a command re-sent after a reconnect or a restart is
-- never run twice (succeeded is NULL while it runs).
CREATE TABLE fleet_command_ledger (
  command_id TEXT PRIMARY KEY,
  accepted_at TEXT NOT NULL,
  succeeded INTEGER,
  message TEXT,
  log_tail TEXT,
  finished_at TEXT
);
