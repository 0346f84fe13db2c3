// name: used-ip
// description: Account used IP; merging keeps the earliest first_seen, the latest last_seen and the largest count, so re-loads change nothing.
// param: rows: list[map]
UNWIND $rows AS row
MATCH (a:Account {id: row.account_id})
MATCH (i:IP {address: row.address})
MERGE (a)-[r:USED_IP]->(i)
WITH r, row, datetime(row.first_seen) AS first, datetime(row.last_seen) AS last
SET r.first_seen = CASE WHEN r.first_seen IS NULL OR first < r.first_seen THEN first ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR last > r.last_seen THEN last ELSE r.last_seen END,
    r.count = CASE WHEN r.count IS NULL OR row.count > r.count THEN row.count ELSE r.count END
