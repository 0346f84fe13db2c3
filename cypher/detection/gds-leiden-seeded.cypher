// name: gds-leiden-seeded
// description: As gds-leiden, starting from the communities in the node property `seed` (gds-project-seeded): unchanged structure keeps its community.
// param: graph: string
// param: resolution: float
// param: seed: int
// param: max_levels: int
// returns: vertex, community
CALL gds.leiden.stream($graph, {relationshipWeightProperty: 'weight', gamma: $resolution, randomSeed: $seed,
                                concurrency: 1, maxLevels: $max_levels, seedProperty: 'seed'})
YIELD nodeId, communityId
RETURN collect(nodeId) AS vertex, collect(communityId) AS community
