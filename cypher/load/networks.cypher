// name: networks
// description: Network ranges with ASN, organisation, country, kind and their 32-hex-digit range in the shared key space. The kind is also a label (:VpnNetwork, :HostingNetwork, :ResidentialNetwork, :MobileNetwork, :CampusNetwork; none for unknown) so Browser can colour networks by kind; a re-load that changes the kind moves the label.
// param: rows: list[map]
UNWIND $rows AS row
MERGE (n:Network {cidr: row.cidr})
SET n.asn = row.asn, n.org = row.org, n.country = row.country, n.kind = row.kind,
    n.prefix_len = row.prefix_len, n.range_start = row.range_start, n.range_end = row.range_end, n.source = row.source
REMOVE n:VpnNetwork:HostingNetwork:ResidentialNetwork:MobileNetwork:CampusNetwork
FOREACH (_ IN CASE row.kind WHEN 'vpn' THEN [1] ELSE [] END | SET n:VpnNetwork)
FOREACH (_ IN CASE row.kind WHEN 'hosting' THEN [1] ELSE [] END | SET n:HostingNetwork)
FOREACH (_ IN CASE row.kind WHEN 'residential' THEN [1] ELSE [] END | SET n:ResidentialNetwork)
FOREACH (_ IN CASE row.kind WHEN 'mobile' THEN [1] ELSE [] END | SET n:MobileNetwork)
FOREACH (_ IN CASE row.kind WHEN 'campus' THEN [1] ELSE [] END | SET n:CampusNetwork)
