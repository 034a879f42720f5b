-- Placeholder for the fleet's own V3 (branch h/fleet), replaced when that branch is merged.
SELECT 1;
