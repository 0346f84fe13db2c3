// name: gds-drop
// description: Drop a projected GDS graph if it exists.
// param: graph: string
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName
