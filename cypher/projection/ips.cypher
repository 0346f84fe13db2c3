// name: projection-ips
// description: Every IP observation as one row of aligned lists: account and address (internal node ids), the address's longest-prefix network kind and country ('unknown' / '' without a network). No label checks: USED_IP and IN_NETWORK only join accounts, IPs and networks.
// returns: account, ip, kind, country
MATCH (a)-[:USED_IP]->(i)
OPTIONAL MATCH (i)-[:IN_NETWORK]->(n)
RETURN collect(id(a)) AS account, collect(id(i)) AS ip, collect(coalesce(n.kind, 'unknown')) AS kind,
       collect(coalesce(n.country, '')) AS country
