// name: networks
// description: Network ranges with ASN, organisation, country, kind and their 32-hex-digit range in the shared key space.
// param: rows: list[map]
UNWIND $rows AS row
MERGE (n:Network {cidr: row.cidr})
SET n.asn = row.asn, n.org = row.org, n.country = row.country, n.kind = row.kind,
    n.prefix_len = row.prefix_len, n.range_start = row.range_start, n.range_end = row.range_end, n.source = row.source
