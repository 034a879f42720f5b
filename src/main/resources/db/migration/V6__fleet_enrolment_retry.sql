-- An agent whose enrolment answer was lost may enrol again with the same join token for a short
-- while: the token names the agent it enrolled, and the agent says when it first connected with
-- its own credential (after which a retry is refused). NULL in rows from before V6: never eligible.
ALTER TABLE fleet_join_tokens ADD COLUMN agent_id TEXT;
ALTER TABLE fleet_agents ADD COLUMN confirmed_at TEXT;
