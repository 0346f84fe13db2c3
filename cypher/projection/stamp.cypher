// name: projection-stamp
// description: What a cached projection is checked against before it is reused: node and relationship counts (from the count store, instant) and every load batch's status and finish time. Any load, re-load or deletion since the projection changes one of them (follows, IP observations and network links included: their columns are cached too).
// returns: accounts, tweets, posted, retweets, follows, used_ips, in_networks, batches
CALL () { MATCH (a:Account) RETURN count(a) AS accounts }
CALL () { MATCH (t:Tweet) RETURN count(t) AS tweets }
CALL () { MATCH ()-[r:POSTED]->() RETURN count(r) AS posted }
CALL () { MATCH ()-[r:RETWEETS]->() RETURN count(r) AS retweets }
CALL () { MATCH ()-[r:FOLLOWS]->() RETURN count(r) AS follows }
CALL () { MATCH ()-[r:USED_IP]->() RETURN count(r) AS used_ips }
CALL () { MATCH ()-[r:IN_NETWORK]->() RETURN count(r) AS in_networks }
CALL () {
  MATCH (b:LoadBatch)
  WITH b ORDER BY b.sha256
  RETURN collect([b.sha256, coalesce(b.status, ''), coalesce(toString(b.finished_at), '')]) AS batches
}
RETURN accounts, tweets, posted, retweets, follows, used_ips, in_networks, batches
