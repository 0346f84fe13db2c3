// name: community-lineage-kind
// description: Store each new community's lineage kind (continued, grown, shrunk, split, merged, new) on the community.
// param: run: string
// param: rows: list[map]
UNWIND $rows AS row
MATCH (c:Community {key: $run + '/' + toString(row.id)})
SET c.lineage = row.kind
