// name: ip-network-unlink
// description: Remove the IN_NETWORK of IPs whose longest-prefix network changed (ip-network-choice).
// param: addresses: list[string]
UNWIND $addresses AS address
MATCH (:IP {address: address})-[old:IN_NETWORK]->(:Network)
DELETE old
