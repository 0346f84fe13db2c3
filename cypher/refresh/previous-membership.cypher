// name: previous-membership
// description: Every account's community id and role (core, amplifier or '') in a run (the membership a refresh starts from and compares roles with), as three aligned lists (one row: far cheaper to stream than a row per account).
// param: run: string
// returns: accounts, communities, roles
MATCH (a:Account)-[m:MEMBER_OF {run: $run}]->(c:Community {run: $run})
RETURN collect(a.id) AS accounts, collect(c.id) AS communities, collect(coalesce(m.role, '')) AS roles
