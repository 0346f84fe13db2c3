// name: gds-leiden
// description: GDS Leiden on a projected graph (weighted, seeded, single-threaded so that the seed reproduces the result); vertex numbers and their communities as two aligned lists.
// param: graph: string
// param: resolution: float
// param: seed: int
// param: max_levels: int
// returns: vertex, community
CALL gds.leiden.stream($graph, {relationshipWeightProperty: 'weight', gamma: $resolution, randomSeed: $seed,
                                concurrency: 1, maxLevels: $max_levels})
YIELD nodeId, communityId
RETURN collect(nodeId) AS vertex, collect(communityId) AS community
