// name: ips
// description: IP address nodes with their version and 32-hex-digit sort key.
// param: rows: list[map]
UNWIND $rows AS row
MERGE (i:IP {address: row.address})
SET i.version = row.version, i.sort_key = row.sort_key
