// name: report-export-shared-ip
// description: Account pairs (source < target, source among the given accounts) that used the same IP address, counting shared addresses; addresses used by more than $max_sharing accounts (NATs, big VPN exits) are left out.
// param: ids: list[string]
// param: max_sharing: int = 100
// returns: source, target, ips
UNWIND $ids AS id
MATCH (a:Account {id: id})-[:USED_IP]->(ip:IP)
WHERE COUNT { (ip)<-[:USED_IP]-() } <= $max_sharing
MATCH (ip)<-[:USED_IP]-(b:Account)
WHERE a.id < b.id
RETURN a.id AS source, b.id AS target, count(DISTINCT ip) AS ips
ORDER BY source, target
