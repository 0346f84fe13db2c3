// name: report-network-edges
// description: RETWEETED summaries (retweeter -> author, with count) among the given accounts.
// param: ids: list[string]
// returns: source, target, count
MATCH (a:Account)-[r:RETWEETED]->(b:Account)
WHERE a.id IN $ids AND b.id IN $ids
RETURN a.id AS source, b.id AS target, coalesce(r.count, 1) AS count
ORDER BY source, target
