// name: report-export-retweeted
// description: The RETWEETED summaries (retweeter -> author) leaving the given accounts, with how often and when.
// param: ids: list[string]
// returns: source, target, count, first_at, last_at
UNWIND $ids AS id
MATCH (a:Account {id: id})-[r:RETWEETED]->(b:Account)
RETURN a.id AS source, b.id AS target, coalesce(r.count, 1) AS count, r.first_at AS first_at, r.last_at AS last_at
ORDER BY source, target
