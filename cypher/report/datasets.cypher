// name: report-datasets
// description: Each loaded dataset with its accounts and its load batches counted by status, rows loaded and rejected.
// returns: dataset, accounts, batches, complete, failed, rows_loaded, rows_rejected, kinds, last_loaded
MATCH (d:Dataset)
CALL (d) {
  OPTIONAL MATCH (a:Account)-[:IN_DATASET]->(d)
  RETURN count(a) AS accounts
}
CALL (d) {
  OPTIONAL MATCH (b:LoadBatch)-[:IN_DATASET]->(d)
  RETURN count(b) AS batches,
         sum(CASE b.status WHEN 'complete' THEN 1 ELSE 0 END) AS complete,
         sum(CASE b.status WHEN 'failed' THEN 1 ELSE 0 END) AS failed,
         sum(coalesce(b.rows_loaded, 0)) AS rows_loaded,
         sum(coalesce(b.rows_rejected, 0)) AS rows_rejected,
         collect(DISTINCT b.kind) AS kinds
}
RETURN d.name AS dataset, accounts, batches, complete, failed, rows_loaded, rows_rejected, kinds, d.last_loaded AS last_loaded
ORDER BY last_loaded DESC, dataset
