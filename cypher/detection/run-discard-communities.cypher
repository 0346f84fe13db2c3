// name: run-discard-communities
// description: Delete the (already emptied) communities of a failed run.
// param: run: string
MATCH (c:Community {run: $run})
DETACH DELETE c
