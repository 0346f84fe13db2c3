// name: communities
// description: Create the run's communities (key "<run>/<id>") with size, score, verdict, strongest signals and features (JSON).
// param: run: string
// param: rows: list[map]
UNWIND $rows AS row
CREATE (c:Community {key: $run + '/' + toString(row.id), id: row.id, run: $run, size: row.size, score: row.score,
                     verdict: row.verdict, signals: row.signals, features: row.features})
