// name: previous-membership
// description: Every account's community id in a run (the membership a refresh starts from).
// param: run: string
// returns: account_id, community
MATCH (a:Account)-[:MEMBER_OF {run: $run}]->(c:Community {run: $run})
RETURN a.id AS account_id, c.id AS community
