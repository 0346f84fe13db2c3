// name: mainland-ip-sightings
// description: Accounts seen on IPs in networks of a country (default CN: mainland China, where the platform is blocked), with the network and the current role.
// category: infrastructure
// param: country: string = CN
// param: limit: int = 200
// returns: account, account_id, ip, network, org, kind, first_seen, last_seen, sightings, role, community
MATCH (a:Account)-[u:USED_IP]->(ip:IP)-[:IN_NETWORK]->(n:Network)
WHERE n.country = $country
OPTIONAL MATCH (run:DetectionRun {current: true})
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: run.id}]->(c:Community)
RETURN coalesce(a.screen_name, a.id) AS account, a.id AS account_id, ip.address AS ip, n.cidr AS network, n.org AS org,
       n.kind AS kind, u.first_seen AS first_seen, u.last_seen AS last_seen, u.count AS sightings, m.role AS role, c.id AS community
ORDER BY first_seen ASC, account
LIMIT $limit
