// name: network-ips
// description: Re-point the IPs inside each network to it when it is more specific than their current network (per row, in order).
// param: rows: list[map]
UNWIND $rows AS row
MATCH (n:Network {cidr: row.cidr})
CALL (n) {
  MATCH (ip:IP)
  WHERE ip.sort_key >= n.range_start AND ip.sort_key <= n.range_end
  OPTIONAL MATCH (ip)-[old:IN_NETWORK]->(current:Network)
  WITH ip, n, old, current
  WHERE current IS NULL
     OR (current <> n AND current.range_start <= n.range_start AND current.range_end >= n.range_end
         AND (current.range_start < n.range_start OR current.range_end > n.range_end))
  DELETE old
  MERGE (ip)-[:IN_NETWORK]->(n)
}
