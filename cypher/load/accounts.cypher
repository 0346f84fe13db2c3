// name: accounts
// description: Create or update accounts that have a row of their own (no longer stubs).
// param: rows: list[map]
// param: now: string
UNWIND $rows AS row
MERGE (a:Account {id: row.id})
ON CREATE SET a.first_seen = datetime($now)
SET a += row.props, a.stub = false, a.last_seen = datetime($now)
