// name: projection-ips
// description: Every IP observation as one row of aligned lists: account and address (internal node ids), the address's longest-prefix network kind and country ('unknown' / '' without a network).
// returns: account, ip, kind, country
MATCH (a:Account)-[:USED_IP]->(i:IP)
OPTIONAL MATCH (i)-[:IN_NETWORK]->(n:Network)
RETURN collect(id(a)) AS account, collect(id(i)) AS ip, collect(coalesce(n.kind, 'unknown')) AS kind,
       collect(coalesce(n.country, '')) AS country
