// name: memberships
// description: Link accounts to their community of this run (MEMBER_OF {run, role: ''}); one row per community (or part of one) with the internal node ids of its member accounts as read by this run's projection.
// param: run: string
// param: rows: list[map]
UNWIND $rows AS row
MATCH (c:Community {key: $run + '/' + toString(row.id)})
UNWIND row.nodes AS node
MATCH (a:Account)
WHERE id(a) = node
CREATE (a)-[:MEMBER_OF {run: $run, role: '', role_score: 0.0}]->(c)
