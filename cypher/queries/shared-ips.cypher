// name: shared-ips
// description: IP addresses used by many accounts, with their network, kind and country and how many of the accounts the current run flagged (campus / corporate NAT looks like this too).
// category: infrastructure
// param: min_accounts: int = 5
// param: limit: int = 50
// returns: ip, accounts, flagged, network, kind, org, country, sample
MATCH (ip:IP)<-[:USED_IP]-(a:Account)
WITH ip, collect(a) AS users
WHERE size(users) >= $min_accounts
OPTIONAL MATCH (ip)-[:IN_NETWORK]->(n:Network)
OPTIONAL MATCH (run:DetectionRun {current: true})
RETURN ip.address AS ip, size(users) AS accounts,
       size([u IN users WHERE EXISTS { (u)-[m:MEMBER_OF {run: run.id}]->(:Community) WHERE m.role IN ['core', 'amplifier'] }]) AS flagged,
       n.cidr AS network, n.kind AS kind, n.org AS org, n.country AS country,
       [u IN users | coalesce(u.screen_name, u.id)][..5] AS sample
ORDER BY accounts DESC, ip
LIMIT $limit
