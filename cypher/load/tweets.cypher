// name: tweets
// description: Create or update tweets that have a row of their own.
// param: rows: list[map]
UNWIND $rows AS row
MERGE (t:Tweet {id: row.id})
SET t += row.props
