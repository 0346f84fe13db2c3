// name: used-ip
// description: Account used IP; merging keeps the earliest first_seen, the latest last_seen and the largest count, so re-loads change nothing (SET in ON CREATE/ON MATCH avoids an Eager plan). Parallel lists, one entry per observation.
// param: accounts: list[string]
// param: addresses: list[string]
// param: first_seen: list[string]
// param: last_seen: list[string]
// param: counts: list[int]
UNWIND range(0, size($accounts) - 1) AS i
MATCH (a:Account {id: $accounts[i]})
MATCH (ip:IP {address: $addresses[i]})
MERGE (a)-[r:USED_IP]->(ip)
ON CREATE SET r.first_seen = datetime($first_seen[i]), r.last_seen = datetime($last_seen[i]), r.count = $counts[i]
ON MATCH SET
    r.first_seen = CASE WHEN r.first_seen IS NULL OR datetime($first_seen[i]) < r.first_seen THEN datetime($first_seen[i]) ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR datetime($last_seen[i]) > r.last_seen THEN datetime($last_seen[i]) ELSE r.last_seen END,
    r.count = CASE WHEN r.count IS NULL OR $counts[i] > r.count THEN $counts[i] ELSE r.count END
