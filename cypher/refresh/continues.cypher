// name: continues
// description: Lineage: link each new community to the previous run's communities it continues, with overlap, Jaccard index and kind.
// param: run: string
// param: previous_run: string
// param: rows: list[map]
UNWIND $rows AS row
MATCH (new:Community {key: $run + '/' + toString(row.new_id)})
MATCH (old:Community {key: $previous_run + '/' + toString(row.old_id)})
MERGE (new)-[l:CONTINUES]->(old)
SET l.jaccard = row.jaccard, l.overlap = row.overlap, l.kind = row.kind
