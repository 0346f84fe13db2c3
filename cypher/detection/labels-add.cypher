// name: labels-add
// description: Put the :CoreOperator / :Amplifier labels on the accounts a run flagged (and take the other role's label off them).
// param: run: string
MATCH (c:Community {run: $run})<-[m:MEMBER_OF]-(a:Account)
WHERE m.role IN ['core', 'amplifier']
CALL (a, m) {
  WITH a, m WHERE m.role = 'core'
  SET a:CoreOperator
  REMOVE a:Amplifier
}
CALL (a, m) {
  WITH a, m WHERE m.role = 'amplifier'
  SET a:Amplifier
  REMOVE a:CoreOperator
}
