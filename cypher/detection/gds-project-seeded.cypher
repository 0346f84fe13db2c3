// name: gds-project-seeded
// description: As gds-project, with each vertex's starting community as the node property `seed` ($seeds, indexed by vertex number; non-negative), for a Leiden run seeded from the previous partition.
// param: graph: string
// param: edges: map
// param: seeds: list[int]
// returns: nodes, relationships
UNWIND range(0, size($edges.source) - 1) AS i
WITH gds.graph.project($graph, $edges.source[i], $edges.target[i],
                       {sourceNodeProperties: {seed: $seeds[$edges.source[i]]},
                        targetNodeProperties: {seed: $seeds[$edges.target[i]]},
                        relationshipProperties: {weight: $edges.weight[i]}},
                       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
