-- Commands the server still owes each agent (sent, no final report yet): kept here so a restarted
-- server delivers them again on the agent's next hello, whatever sent them (campaign, API, UI).
-- The id orders them as they were queued; a command id is queued once per agent.
CREATE TABLE fleet_commands (
  id ${identity},
  agent_id TEXT NOT NULL,
  command_id TEXT NOT NULL,
  command TEXT NOT NULL,
  queued_at TEXT NOT NULL
);
CREATE UNIQUE INDEX fleet_commands_key ON fleet_commands (agent_id, command_id);

-- History that agents send upstream lives beside the server's own: agent_id says whose it is
-- (NULL: this Refit's own engine) and origin_id is the entry's id in the agent's database, so an
-- entry sent again after a reconnect is stored once.
ALTER TABLE history ADD COLUMN agent_id TEXT;
ALTER TABLE history ADD COLUMN origin_id BIGINT;
CREATE UNIQUE INDEX history_origin ON history (agent_id, origin_id);
