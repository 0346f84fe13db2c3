// name: ip-network-choice
// description: For each IP, its longest-prefix network among those loaded and the network it points at now (read only: the writes that follow touch only the IPs whose network changes, without an Eager plan). row.starts are the IP's key masked to every prefix length present.
// param: rows: list[map]
// returns: address, best, current
UNWIND $rows AS row
MATCH (ip:IP {address: row.address})
CALL (ip, row) {
  OPTIONAL MATCH (n:Network)
  WHERE n.range_start IN row.starts AND n.range_start <= row.sort_key AND n.range_end >= row.sort_key
  WITH n ORDER BY n.range_end ASC, n.range_start DESC LIMIT 1
  RETURN n.cidr AS best
}
OPTIONAL MATCH (ip)-[:IN_NETWORK]->(current:Network)
RETURN ip.address AS address, best, collect(current.cidr) AS current
