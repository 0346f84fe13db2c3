// name: gds-project
// description: Project the summed behaviour layers into a named GDS in-memory graph (undirected, weighted); $edges holds aligned lists `source`, `target` (vertex numbers) and `weight`.
// param: graph: string
// param: edges: map
// returns: nodes, relationships
UNWIND range(0, size($edges.source) - 1) AS i
WITH gds.graph.project($graph, $edges.source[i], $edges.target[i], {relationshipProperties: {weight: $edges.weight[i]}},
                       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
