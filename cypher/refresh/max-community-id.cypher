// name: max-community-id
// description: The largest community id ever used by any run (fresh ids are handed out above it, never reused).
// returns: max_id
OPTIONAL MATCH (c:Community)
RETURN coalesce(max(c.id), 0) AS max_id
