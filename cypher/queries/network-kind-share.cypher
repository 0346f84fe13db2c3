// name: network-kind-share
// description: Per community of the current run: how many members have IP observations and what share of them used VPN, hosting or mainland (CN) networks.
// category: infrastructure
// param: min_size: int = 3
// param: limit: int = 50
// returns: community, size, verdict, observed, vpn, hosting, mainland, vpn_share, hosting_share, mainland_share
MATCH (run:DetectionRun {current: true})
MATCH (c:Community {run: run.id})
WHERE c.size >= $min_size
CALL (c, run) {
  MATCH (a:Account)-[:MEMBER_OF {run: run.id}]->(c)
  OPTIONAL MATCH (a)-[:USED_IP]->(:IP)-[:IN_NETWORK]->(n:Network)
  WITH a, collect(n.kind) AS kinds, collect(n.country) AS countries, EXISTS { (a)-[:USED_IP]->(:IP) } AS observed
  RETURN sum(CASE WHEN observed THEN 1 ELSE 0 END) AS observed,
         sum(CASE WHEN 'vpn' IN kinds THEN 1 ELSE 0 END) AS vpn,
         sum(CASE WHEN 'hosting' IN kinds THEN 1 ELSE 0 END) AS hosting,
         sum(CASE WHEN 'CN' IN countries THEN 1 ELSE 0 END) AS mainland
}
RETURN c.id AS community, c.size AS size, c.verdict AS verdict, observed, vpn, hosting, mainland,
       CASE observed WHEN 0 THEN null ELSE round(toFloat(vpn) / observed, 3) END AS vpn_share,
       CASE observed WHEN 0 THEN null ELSE round(toFloat(hosting) / observed, 3) END AS hosting_share,
       CASE observed WHEN 0 THEN null ELSE round(toFloat(mainland) / observed, 3) END AS mainland_share
ORDER BY vpn_share DESC, hosting_share DESC, size DESC
LIMIT $limit
