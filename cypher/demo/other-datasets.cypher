// name: other-datasets
// description: Load batches of datasets other than the given one (the demo refuses to mix its synthetic data into an investigation's graph).
// param: dataset: string
// returns: datasets, batches
MATCH (b:LoadBatch)
WHERE coalesce(b.dataset, '') <> $dataset
RETURN collect(DISTINCT b.dataset)[..5] AS datasets, count(b) AS batches
