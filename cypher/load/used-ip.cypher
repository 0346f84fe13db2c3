// name: used-ip
// description: Account used IP; merging keeps the earliest first_seen, the latest last_seen and the largest count, so re-loads change nothing. Parallel lists, one entry per observation.
// param: accounts: list[string]
// param: addresses: list[string]
// param: first_seen: list[string]
// param: last_seen: list[string]
// param: counts: list[int]
UNWIND range(0, size($accounts) - 1) AS i
MATCH (a:Account {id: $accounts[i]})
MATCH (ip:IP {address: $addresses[i]})
MERGE (a)-[r:USED_IP]->(ip)
WITH r, $counts[i] AS n, datetime($first_seen[i]) AS first, datetime($last_seen[i]) AS last
SET r.first_seen = CASE WHEN r.first_seen IS NULL OR first < r.first_seen THEN first ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR last > r.last_seen THEN last ELSE r.last_seen END,
    r.count = CASE WHEN r.count IS NULL OR n > r.count THEN n ELSE r.count END
