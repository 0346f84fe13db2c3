// name: previous-membership
// description: Every account's community id in a run (the membership a refresh starts from), as two aligned lists (one row: far cheaper to stream than a row per account).
// param: run: string
// returns: accounts, communities
MATCH (a:Account)-[:MEMBER_OF {run: $run}]->(c:Community {run: $run})
RETURN collect(a.id) AS accounts, collect(c.id) AS communities
