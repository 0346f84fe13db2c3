// name: tweets
// description: Create or update tweets that have a row of their own (SET in ON CREATE/ON MATCH avoids an Eager plan).
// param: rows: list[map]
UNWIND $rows AS row
MERGE (t:Tweet {id: row.id})
ON CREATE SET t += row.props, t.created_at = datetime(row.props.created_at)
ON MATCH SET t += row.props, t.created_at = datetime(row.props.created_at)
