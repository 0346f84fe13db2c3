// name: report-test-graph
// description: Builds the report tests' graph from rows made by tests/report_graph.py (docs/graph-model.md): accounts, tweets, retweets, RETWEETED summaries, IPs in networks, datasets, three detection runs with communities, roles and lineage.
UNWIND $networks AS row
CREATE (:Network {cidr: row.cidr, asn: row.asn, org: row.org, country: row.country, kind: row.kind, prefix_len: row.prefix_len});
UNWIND $accounts AS row
CREATE (a:Account {id: row.id, screen_name: row.screen_name, display_name: row.display_name, description: row.description,
                   created_at: datetime(row.created_at), followers: row.followers, following: row.following, lang: row.lang,
                   hashed: false, stub: false})
FOREACH (_ IN CASE WHEN row.role = 'core' THEN [1] ELSE [] END | SET a:CoreOperator)
FOREACH (_ IN CASE WHEN row.role = 'amplifier' THEN [1] ELSE [] END | SET a:Amplifier);
UNWIND $tweets AS row
MATCH (a:Account {id: row.account})
CREATE (a)-[:POSTED]->(:Tweet {id: row.id, created_at: datetime(row.created_at), text: row.text, lang: 'zh', is_retweet: false});
UNWIND $retweets AS row
MATCH (a:Account {id: row.account}), (orig:Tweet {id: row.original})
CREATE (a)-[:POSTED]->(:Tweet {id: row.id, created_at: datetime(row.created_at), text: 'RT', lang: 'zh', is_retweet: true})-[:RETWEETS]->(orig);
MATCH (a:Account)-[:POSTED]->(rt:Tweet)-[:RETWEETS]->(:Tweet)<-[:POSTED]-(b:Account)
WITH a, b, count(rt) AS times, min(rt.created_at) AS first_at, max(rt.created_at) AS last_at
CREATE (a)-[:RETWEETED {count: times, first_at: first_at, last_at: last_at}]->(b);
UNWIND $ips AS row
MATCH (a:Account {id: row.account})
MERGE (ip:IP {address: row.ip})
CREATE (a)-[:USED_IP {first_seen: datetime('2019-07-01T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: row.count}]->(ip)
WITH ip, row
MATCH (n:Network {cidr: row.cidr})
MERGE (ip)-[:IN_NETWORK]->(n);
UNWIND $datasets AS row
CREATE (d:Dataset {name: row.name, first_loaded: datetime(row.loaded), last_loaded: datetime(row.loaded)})
WITH d, row
UNWIND row.batches AS b
CREATE (:LoadBatch {sha256: b.sha256, path: b.path, kind: b.kind, dataset: row.name, status: b.status, rows_read: b.rows_read,
                    rows_loaded: b.rows_loaded, rows_rejected: b.rows_rejected})-[:IN_DATASET]->(d);
MATCH (d:Dataset), (a:Account)
CREATE (a)-[:IN_DATASET]->(d);
UNWIND $runs AS row
CREATE (:DetectionRun {id: row.id, status: 'complete', current: row.current, started_at: datetime(row.started_at),
                       finished_at: datetime(row.finished_at), code_version: '0.1.0', params: row.params, timings: row.timings});
UNWIND $communities AS row
CREATE (:Community {key: row.run + '/' + row.id, id: row.id, run: row.run, size: row.size, score: row.score,
                    verdict: row.verdict, features: row.features});
UNWIND $members AS row
MATCH (a:Account {id: row.account}), (c:Community {key: row.community})
CREATE (a)-[:MEMBER_OF {run: c.run, role: row.role, role_score: row.role_score, evidence: row.evidence}]->(c);
UNWIND $lineage AS row
MATCH (new:Community {key: row.new}), (old:Community {key: row.old})
CREATE (new)-[:CONTINUES {jaccard: row.jaccard, kind: row.kind}]->(old)
