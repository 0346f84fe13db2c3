// name: run-discard
// description: Delete the MEMBER_OF relationships of one run, 2,000 per transaction (smaller transactions delete faster: docs/detection.md); used for failed runs and for memberships of old runs (runs and communities stay).
// param: run: string
MATCH (:Community {run: $run})<-[m:MEMBER_OF]-()
CALL (m) {
  DELETE m
} IN TRANSACTIONS OF 2000 ROWS
