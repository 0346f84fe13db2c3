// name: account-neighbourhood
// description: An account's neighbourhood as a graph for Neo4j Browser: its current community, whom it amplified and who amplified it, its IPs and their networks.
// category: accounts
// param: account: string
// param: limit: int = 25
// returns: path
MATCH (a:Account)
WHERE a.id = $account OR a.screen_name = $account
CALL (a) {
  MATCH (run:DetectionRun {current: true})
  MATCH path = (a)-[:MEMBER_OF {run: run.id}]->(:Community)
  RETURN path
  UNION
  MATCH path = (a)-[r:RETWEETED]->(:Account)
  WITH path, r ORDER BY r.count DESC LIMIT $limit
  RETURN path
  UNION
  MATCH path = (a)<-[r:RETWEETED]-(:Account)
  WITH path, r ORDER BY r.count DESC LIMIT $limit
  RETURN path
  UNION
  MATCH path = (a)-[:USED_IP]->(:IP)-[:IN_NETWORK]->(:Network)
  RETURN path LIMIT $limit
  UNION
  MATCH path = (a)-[:USED_IP]->(ip:IP)
  WHERE NOT (ip)-[:IN_NETWORK]->()
  RETURN path LIMIT $limit
}
RETURN path
