// name: set-roles
// description: Store the roles the role rules assigned (role, role_score, evidence JSON) on the run's MEMBER_OF relationships.
// param: run: string
// param: rows: list[map]
UNWIND $rows AS row
MATCH (a:Account {id: row.account_id})-[m:MEMBER_OF {run: $run}]->(:Community)
SET m.role = row.role, m.role_score = row.role_score, m.evidence = row.evidence
