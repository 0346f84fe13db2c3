// name: ip-networks
// description: Point each IP at its longest-prefix network; row.starts are the IP's key masked to every prefix length present.
// param: rows: list[map]
UNWIND $rows AS row
MATCH (ip:IP {address: row.address})
CALL (ip, row) {
  OPTIONAL MATCH (n:Network)
  WHERE n.range_start IN row.starts AND n.range_start <= row.sort_key AND n.range_end >= row.sort_key
  WITH n ORDER BY n.range_end ASC, n.range_start DESC LIMIT 1
  RETURN n AS best
}
CALL (ip, best) {
  OPTIONAL MATCH (ip)-[old:IN_NETWORK]->(current:Network)
  WHERE best IS NULL OR current <> best
  DELETE old
}
CALL (ip, best) {
  WITH ip, best WHERE best IS NOT NULL
  MERGE (ip)-[:IN_NETWORK]->(best)
}
