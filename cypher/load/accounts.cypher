// name: accounts
// description: Create or update accounts that have a row of their own (no longer stubs). SET in ON CREATE/ON MATCH avoids an Eager plan.
// param: rows: list[map]
// param: now: string
UNWIND $rows AS row
MERGE (a:Account {id: row.id})
ON CREATE SET a += row.props, a.created_at = datetime(row.props.created_at), a.stub = false, a.first_seen = datetime($now), a.last_seen = datetime($now)
ON MATCH SET a += row.props, a.created_at = datetime(row.props.created_at), a.stub = false, a.last_seen = datetime($now)
