// name: projection-stamp
// description: What a cached projection is checked against before it is reused: node and relationship counts (from the count store, instant) and every load batch's status and finish time. Any load, re-load or deletion since the projection changes one of them.
// returns: accounts, tweets, posted, retweets, batches
CALL () { MATCH (a:Account) RETURN count(a) AS accounts }
CALL () { MATCH (t:Tweet) RETURN count(t) AS tweets }
CALL () { MATCH ()-[r:POSTED]->() RETURN count(r) AS posted }
CALL () { MATCH ()-[r:RETWEETS]->() RETURN count(r) AS retweets }
CALL () {
  MATCH (b:LoadBatch)
  WITH b ORDER BY b.sha256
  RETURN collect([b.sha256, coalesce(b.status, ''), coalesce(toString(b.finished_at), '')]) AS batches
}
RETURN accounts, tweets, posted, retweets, batches
