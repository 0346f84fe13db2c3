// name: multi-dataset-accounts
// description: Accounts that appear in more than one loaded dataset (release), e.g. operators that survived one takedown and reappear in the next.
// category: datasets
// param: min_datasets: int = 2
// param: limit: int = 100
// returns: account, account_id, datasets, role, community
MATCH (a:Account)-[:IN_DATASET]->(d:Dataset)
WITH a, collect(d.name) AS datasets
WHERE size(datasets) >= $min_datasets
OPTIONAL MATCH (run:DetectionRun {current: true})
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: run.id}]->(c:Community)
RETURN coalesce(a.screen_name, a.id) AS account, a.id AS account_id, datasets, m.role AS role, c.id AS community
ORDER BY size(datasets) DESC, account
LIMIT $limit
