// name: used-ip
// description: Account used IP; merging keeps the earliest first_seen, the latest last_seen and the largest count, so re-loads change nothing.
// param: rows: list[map]
UNWIND $rows AS row
MATCH (a:Account {id: row.account_id})
MATCH (i:IP {address: row.address})
MERGE (a)-[r:USED_IP]->(i)
SET r.first_seen = CASE WHEN r.first_seen IS NULL OR row.first_seen < r.first_seen THEN row.first_seen ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR row.last_seen > r.last_seen THEN row.last_seen ELSE r.last_seen END,
    r.count = CASE WHEN r.count IS NULL OR row.count > r.count THEN row.count ELSE r.count END
