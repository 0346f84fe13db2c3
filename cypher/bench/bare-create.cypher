// name: bare-create
// description: The write ceiling for benchmarks: create bare nodes, no MERGE, no constraint, no index.
// param: rows: list[map]
UNWIND $rows AS r
CREATE (:Bare {id: r.id})
