// name: run-discard
// description: Delete the communities (and with them the MEMBER_OF relationships) of one run, in batches; used for failed runs and for memberships of old runs.
// param: run: string
MATCH (c:Community {run: $run})
CALL (c) {
  MATCH (c)<-[m:MEMBER_OF]-()
  DELETE m
} IN TRANSACTIONS OF 10000 ROWS
