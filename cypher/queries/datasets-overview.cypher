// name: datasets-overview
// description: The loaded datasets: accounts, load batches, rows loaded and rejected, when first and last loaded.
// category: datasets
// returns: dataset, accounts, batches, rows_loaded, rows_rejected, first_loaded, last_loaded
MATCH (d:Dataset)
CALL (d) {
  OPTIONAL MATCH (a:Account)-[:IN_DATASET]->(d)
  RETURN count(a) AS accounts
}
CALL (d) {
  OPTIONAL MATCH (b:LoadBatch)-[:IN_DATASET]->(d)
  RETURN count(b) AS batches, sum(b.rows_loaded) AS rows_loaded, sum(b.rows_rejected) AS rows_rejected
}
RETURN d.name AS dataset, accounts, batches, rows_loaded, rows_rejected, d.first_loaded AS first_loaded, d.last_loaded AS last_loaded
ORDER BY last_loaded DESC
