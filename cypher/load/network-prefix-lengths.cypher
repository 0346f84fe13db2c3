// name: network-prefix-lengths
// description: The distinct mapped prefix lengths (0-128, IPv4 as 96 + its length) of all loaded networks.
// returns: length
MATCH (n:Network)
RETURN DISTINCT n.prefix_len + CASE WHEN n.cidr CONTAINS ':' THEN 0 ELSE 96 END AS length
