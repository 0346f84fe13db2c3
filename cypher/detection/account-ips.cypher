// name: account-ips
// description: The IP addresses one account used, with network (kind, country, organisation) and how many accounts share each address.
// param: account: string
// param: limit: int = 10
// returns: address, kind, country, org, cidr, count, first_seen, last_seen, accounts
MATCH (a:Account {id: $account})-[u:USED_IP]->(i:IP)
OPTIONAL MATCH (i)-[:IN_NETWORK]->(n:Network)
RETURN i.address AS address, coalesce(n.kind, 'unknown') AS kind, n.country AS country, n.org AS org, n.cidr AS cidr,
       u.count AS count, toString(u.first_seen) AS first_seen, toString(u.last_seen) AS last_seen,
       COUNT { (i)<-[:USED_IP]-(:Account) } AS accounts
ORDER BY accounts DESC, address
LIMIT $limit
