// name: account-stubs
// description: Accounts only referenced (retweeted, replied to, mentioned, followed); existing accounts are left as they are.
// param: rows: list[map]
// param: now: string
UNWIND $rows AS row
MERGE (a:Account {id: row.id})
ON CREATE SET a.stub = true, a.first_seen = datetime($now), a.last_seen = datetime($now), a.screen_name = row.screen_name
