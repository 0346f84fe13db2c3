// name: run-discard
// description: Delete the MEMBER_OF relationships of one run in batches of 10,000 relationships; used for failed runs and for memberships of old runs (runs and communities stay).
// param: run: string
MATCH (:Community {run: $run})<-[m:MEMBER_OF]-()
CALL (m) {
  DELETE m
} IN TRANSACTIONS OF 10000 ROWS
