// name: account-amplification
// description: Who one account amplifies (retweets) and who amplifies it, with their role and community in the given run, most retweets first.
// param: account: string
// param: run: string = null
// param: limit: int = 10
// returns: direction, account_id, screen_name, retweets, first_at, last_at, role, community
CALL () {
  MATCH (a:Account {id: $account})-[r:RETWEETED]->(b:Account)
  RETURN 'amplifies' AS direction, b AS other, r
  UNION ALL
  MATCH (a:Account {id: $account})<-[r:RETWEETED]-(b:Account)
  RETURN 'amplified by' AS direction, b AS other, r
}
WITH direction, other, r ORDER BY r.count DESC, other.id
WITH direction, collect({other: other, r: r})[..$limit] AS top
UNWIND top AS item
WITH direction, item.other AS other, item.r AS r
OPTIONAL MATCH (other)-[m:MEMBER_OF {run: $run}]->(c:Community)
RETURN direction, other.id AS account_id, other.screen_name AS screen_name, r.count AS retweets,
       toString(r.first_at) AS first_at, toString(r.last_at) AS last_at, m.role AS role, c.id AS community
