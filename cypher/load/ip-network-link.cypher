// name: ip-network-link
// description: Point IPs at their longest-prefix network (ip-network-choice). Parallel lists: addresses[i] -> cidrs[i].
// param: addresses: list[string]
// param: cidrs: list[string]
UNWIND range(0, size($addresses) - 1) AS i
MATCH (ip:IP {address: $addresses[i]})
MATCH (n:Network {cidr: $cidrs[i]})
MERGE (ip)-[:IN_NETWORK]->(n)
