// name: report-network-kinds
// description: Which kinds of network the members of one community (key) reached the platform from; mainland China (country CN) counted apart, addresses in no known range as unmapped.
// param: run: string
// param: community: string
// returns: kind, accounts, ips, observed
MATCH (a:Account)-[:MEMBER_OF {run: $run}]->(:Community {key: $community})
MATCH (a)-[:USED_IP]->(ip:IP)
OPTIONAL MATCH (ip)-[:IN_NETWORK]->(n:Network)
WITH a, ip,
     CASE WHEN n IS NULL THEN 'unmapped'
          WHEN n.country = 'CN' THEN 'mainland (CN)'
          ELSE coalesce(n.kind, 'unknown') END AS kind
WITH collect({account: a.id, ip: ip.address, kind: kind}) AS sightings, count(DISTINCT a) AS observed
UNWIND sightings AS s
RETURN s.kind AS kind, count(DISTINCT s.account) AS accounts, count(DISTINCT s.ip) AS ips, observed
ORDER BY accounts DESC, kind
