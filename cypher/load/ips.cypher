// name: ips
// description: IP address nodes with their version and 32-hex-digit sort key. Parallel lists, one entry per address.
// param: addresses: list[string]
// param: versions: list[int]
// param: sort_keys: list[string]
UNWIND range(0, size($addresses) - 1) AS i
MERGE (ip:IP {address: $addresses[i]})
SET ip.version = $versions[i], ip.sort_key = $sort_keys[i]
