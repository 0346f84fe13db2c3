// name: shared-infrastructure
// description: Accounts that used the same exit IPs as an account, or IPs in the same VPN / hosting networks (kinds configurable), with their role in the current run.
// category: infrastructure
// param: account: string
// param: network_kinds: list[string] = vpn,hosting
// param: limit: int = 100
// returns: other, other_id, role, community, shared_ips, shared_networks, network_kinds
MATCH (a:Account)
WHERE a.id = $account OR a.screen_name = $account
CALL (a) {
  MATCH (a)-[:USED_IP]->(ip:IP)<-[:USED_IP]-(other:Account)
  WHERE other <> a
  RETURN other, ip.address AS ip, null AS network, null AS kind
  UNION
  MATCH (a)-[:USED_IP]->(:IP)-[:IN_NETWORK]->(n:Network)<-[:IN_NETWORK]-(:IP)<-[:USED_IP]-(other:Account)
  WHERE other <> a AND n.kind IN $network_kinds
  RETURN other, null AS ip, n.cidr AS network, n.kind AS kind
}
WITH other, collect(DISTINCT ip) AS shared_ips, collect(DISTINCT network) AS shared_networks, collect(DISTINCT kind) AS network_kinds
OPTIONAL MATCH (run:DetectionRun {current: true})
OPTIONAL MATCH (other)-[m:MEMBER_OF {run: run.id}]->(c:Community)
RETURN coalesce(other.screen_name, other.id) AS other, other.id AS other_id, m.role AS role, c.id AS community,
       shared_ips, shared_networks, network_kinds
ORDER BY size(shared_ips) DESC, size(shared_networks) DESC, other
LIMIT $limit
