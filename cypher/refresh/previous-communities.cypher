// name: previous-communities
// description: The communities of a run with size and verdict (what a refresh compares against).
// param: run: string
// returns: community, size, verdict
MATCH (c:Community {run: $run})
RETURN c.id AS community, c.size AS size, c.verdict AS verdict
ORDER BY community
