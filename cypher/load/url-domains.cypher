// name: url-domains
// description: Link URLs (which exist already) to their domain (host name, lower-cased, without www.).
// param: rows: list[map]
UNWIND $rows AS row
MATCH (u:Url {url: row.url})
MERGE (d:Domain {name: row.domain})
MERGE (u)-[:ON_DOMAIN]->(d)
