// name: labels-retire
// description: Take :CoreOperator / :Amplifier off accounts the given (current) run did not flag with that role.
// param: run: string
CALL {
  MATCH (a:CoreOperator)
  WHERE NOT EXISTS { (a)-[:MEMBER_OF {run: $run, role: 'core'}]->(:Community) }
  REMOVE a:CoreOperator
}
CALL {
  MATCH (a:Amplifier)
  WHERE NOT EXISTS { (a)-[:MEMBER_OF {run: $run, role: 'amplifier'}]->(:Community) }
  REMOVE a:Amplifier
}
