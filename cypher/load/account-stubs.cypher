// name: account-stubs
// description: Accounts only referenced (retweeted, replied to, mentioned, followed); existing accounts are left as they are. Parallel lists: ids and their screen names (null when unknown).
// param: ids: list[string]
// param: screen_names: list[string]
// param: now: string
UNWIND range(0, size($ids) - 1) AS i
MERGE (a:Account {id: $ids[i]})
ON CREATE SET a.stub = true, a.first_seen = datetime($now), a.last_seen = datetime($now), a.screen_name = $screen_names[i]
