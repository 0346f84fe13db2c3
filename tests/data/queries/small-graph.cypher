// name: small-graph
// description: A small investigation graph following docs/graph-model.md: two core operators posing as news outlets, five amplifiers (one repurposed), organic accounts, VPN / hosting / campus / mainland networks, two datasets, two detection runs with lineage.
CREATE (op1:Account:CoreOperator {id: '1001', screen_name: 'HKpoliticalnew', display_name: 'HK Political News', description: 'Daily news from Hong Kong', created_at: datetime('2019-06-01T03:10:00Z'), followers: 8000, following: 20, lang: 'zh', hashed: false, stub: false}),
       (op2:Account:CoreOperator {id: '1002', screen_name: 'ctcc507', display_name: '香港日报', description: '新闻', created_at: datetime('2019-06-01T03:25:00Z'), followers: 5200, following: 11, lang: 'zh', hashed: false, stub: false}),
       (amp1:Account:Amplifier {id: '2001', screen_name: 'amp_01', display_name: 'a1', created_at: datetime('2019-06-01T03:30:00Z'), followers: 3, following: 300, lang: 'zh', hashed: false, stub: false}),
       (amp2:Account:Amplifier {id: '2002', screen_name: 'amp_02', display_name: 'a2', created_at: datetime('2019-06-01T03:35:00Z'), followers: 1, following: 280, lang: 'zh', hashed: false, stub: false}),
       (amp3:Account:Amplifier {id: '2003', screen_name: 'amp_03', display_name: 'a3', created_at: datetime('2019-06-01T03:40:00Z'), followers: 0, following: 250, lang: 'zh', hashed: false, stub: false}),
       (amp4:Account:Amplifier {id: '2004', screen_name: 'amp_04', display_name: 'a4', created_at: datetime('2019-06-01T03:50:00Z'), followers: 2, following: 199, lang: 'zh', hashed: false, stub: false}),
       (old1:Account:Amplifier {id: '3001', screen_name: 'cat_lover_2012', display_name: 'Cats', description: 'I love cats', created_at: datetime('2012-04-04T12:00:00Z'), followers: 40, following: 90, lang: 'en', hashed: false, stub: false}),
       (org1:Account {id: '4001', screen_name: 'local_reader', display_name: 'Reader', created_at: datetime('2015-02-02T08:00:00Z'), followers: 150, following: 120, lang: 'en', hashed: false, stub: false}),
       (org2:Account {id: '4002', screen_name: 'campus_student', display_name: 'Student', created_at: datetime('2016-09-01T08:00:00Z'), followers: 80, following: 60, lang: 'en', hashed: false, stub: false}),

       (t1:Tweet {id: '9001', created_at: datetime('2019-08-01T10:00:00Z'), text: 'Rioters attack police #香港', lang: 'zh', is_retweet: false}),
       (t2:Tweet {id: '9002', created_at: datetime('2019-08-02T10:00:00Z'), text: 'Support the police #香港', lang: 'zh', is_retweet: false}),
       (t3:Tweet {id: '9003', created_at: datetime('2019-08-01T11:00:00Z'), text: 'Foreign hands behind protests', lang: 'zh', is_retweet: false}),
       (o1:Tweet {id: '9101', created_at: datetime('2017-01-05T09:00:00Z'), text: 'my cat #cats', lang: 'en', is_retweet: false}),
       (o2:Tweet {id: '9102', created_at: datetime('2017-01-10T09:00:00Z'), text: 'another cat #cats', lang: 'en', is_retweet: false}),
       (o3:Tweet {id: '9103', created_at: datetime('2019-08-01T09:00:00Z'), text: '暴徒 #香港', lang: 'zh', is_retweet: false}),
       (op1)-[:POSTED]->(t1), (op1)-[:POSTED]->(t2), (op2)-[:POSTED]->(t3),
       (old1)-[:POSTED]->(o1), (old1)-[:POSTED]->(o2), (old1)-[:POSTED]->(o3),

       (hk:Hashtag {name: '香港'}), (cats:Hashtag {name: 'cats'}),
       (t1)-[:TAGS]->(hk), (t2)-[:TAGS]->(hk), (o3)-[:TAGS]->(hk), (o1)-[:TAGS]->(cats), (o2)-[:TAGS]->(cats),

       (vpn:Network {cidr: '203.0.113.0/24', asn: 64500, org: 'FastVPN Ltd', country: 'US', kind: 'vpn', prefix_len: 24}),
       (hosting:Network {cidr: '198.51.100.0/24', asn: 64501, org: 'Cloud Hosting SG', country: 'SG', kind: 'hosting', prefix_len: 24}),
       (campus:Network {cidr: '192.0.2.0/24', asn: 64502, org: 'HK University', country: 'HK', kind: 'campus', prefix_len: 24}),
       (cn:Network {cidr: '36.110.0.0/16', asn: 4134, org: 'China Telecom', country: 'CN', kind: 'residential', prefix_len: 16}),
       (ipv:IP {address: '203.0.113.5', version: 4}), (iph1:IP {address: '198.51.100.7', version: 4}),
       (iph2:IP {address: '198.51.100.9', version: 4}), (ipc:IP {address: '192.0.2.10', version: 4}),
       (ipcn:IP {address: '36.110.0.5', version: 4}), (ipx:IP {address: '192.0.2.200', version: 4}),
       (ipv)-[:IN_NETWORK]->(vpn), (iph1)-[:IN_NETWORK]->(hosting), (iph2)-[:IN_NETWORK]->(hosting),
       (ipc)-[:IN_NETWORK]->(campus), (ipcn)-[:IN_NETWORK]->(cn),
       (op1)-[:USED_IP {first_seen: datetime('2019-07-01T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: 12}]->(ipv),
       (op2)-[:USED_IP {first_seen: datetime('2019-07-02T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: 8}]->(ipv),
       (amp1)-[:USED_IP {first_seen: datetime('2019-07-03T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: 3}]->(ipv),
       (op1)-[:USED_IP {first_seen: datetime('2019-07-15T02:00:00Z'), last_seen: datetime('2019-07-15T03:00:00Z'), count: 1}]->(ipcn),
       (op2)-[:USED_IP {first_seen: datetime('2019-07-05T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: 5}]->(iph2),
       (amp2)-[:USED_IP {first_seen: datetime('2019-07-05T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: 5}]->(iph1),
       (amp3)-[:USED_IP {first_seen: datetime('2019-07-05T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: 5}]->(iph1),
       (org1)-[:USED_IP {first_seen: datetime('2019-01-01T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: 40}]->(ipc),
       (org2)-[:USED_IP {first_seen: datetime('2019-01-01T00:00:00Z'), last_seen: datetime('2019-08-01T00:00:00Z'), count: 40}]->(ipc),
       (amp1)-[:USED_IP {first_seen: datetime('2019-07-10T00:00:00Z'), last_seen: datetime('2019-07-11T00:00:00Z'), count: 1}]->(ipc),
       (amp2)-[:USED_IP {first_seen: datetime('2019-07-10T00:00:00Z'), last_seen: datetime('2019-07-11T00:00:00Z'), count: 1}]->(ipc),
       (amp4)-[:USED_IP {first_seen: datetime('2019-07-10T00:00:00Z'), last_seen: datetime('2019-07-11T00:00:00Z'), count: 1}]->(ipc),
       (org1)-[:USED_IP {first_seen: datetime('2019-02-01T00:00:00Z'), last_seen: datetime('2019-02-01T00:00:00Z'), count: 1}]->(ipx),

       (d1:Dataset {name: 'china_082019', first_loaded: datetime('2019-08-20T00:00:00Z'), last_loaded: datetime('2019-08-20T00:00:00Z')}),
       (d2:Dataset {name: 'china_092019', first_loaded: datetime('2019-09-20T00:00:00Z'), last_loaded: datetime('2019-09-20T00:00:00Z')}),
       (b1:LoadBatch {sha256: 'aa11', path: 'china_082019_users.csv', kind: 'io-users', dataset: 'china_082019', status: 'complete', rows_read: 8, rows_loaded: 7, rows_rejected: 1}),
       (b2:LoadBatch {sha256: 'bb22', path: 'china_092019_users.csv', kind: 'io-users', dataset: 'china_092019', status: 'complete', rows_read: 2, rows_loaded: 2, rows_rejected: 0}),
       (b1)-[:IN_DATASET]->(d1), (b2)-[:IN_DATASET]->(d2),
       (op1)-[:IN_DATASET]->(d1), (op2)-[:IN_DATASET]->(d1), (amp1)-[:IN_DATASET]->(d1), (amp2)-[:IN_DATASET]->(d1),
       (amp3)-[:IN_DATASET]->(d1), (amp4)-[:IN_DATASET]->(d1), (op1)-[:IN_DATASET]->(d2), (amp1)-[:IN_DATASET]->(d2),

       (r1:DetectionRun {id: 'run-2019-08-10', status: 'complete', current: false, started_at: datetime('2019-08-10T01:00:00Z'), finished_at: datetime('2019-08-10T01:05:00Z'), code_version: '0.1.0', params: '{}'}),
       (r2:DetectionRun {id: 'run-2019-08-11', status: 'complete', current: true, started_at: datetime('2019-08-11T01:00:00Z'), finished_at: datetime('2019-08-11T01:05:00Z'), code_version: '0.1.0', params: '{}'}),
       (c11:Community {key: 'run-2019-08-10/1', id: 1, run: 'run-2019-08-10', size: 4, score: 0.8, verdict: 'inauthentic', features: '{}'}),
       (c12:Community {key: 'run-2019-08-10/2', id: 2, run: 'run-2019-08-10', size: 2, score: 0.6, verdict: 'suspicious', features: '{}'}),
       (c21:Community {key: 'run-2019-08-11/1', id: 1, run: 'run-2019-08-11', size: 7, score: 0.93, verdict: 'inauthentic', features: '{"co_retweet": 0.9}'}),
       (c23:Community {key: 'run-2019-08-11/3', id: 3, run: 'run-2019-08-11', size: 2, score: 0.1, verdict: 'organic', features: '{}'}),
       (c21)-[:CONTINUES {jaccard: 0.571, kind: 'grown'}]->(c11),
       (op1)-[:MEMBER_OF {run: 'run-2019-08-10', role: 'core', role_score: 0.9, evidence: '{"originals": 2}'}]->(c11),
       (op2)-[:MEMBER_OF {run: 'run-2019-08-10', role: 'core', role_score: 0.85, evidence: '{"originals": 1}'}]->(c11),
       (amp1)-[:MEMBER_OF {run: 'run-2019-08-10', role: 'amplifier', role_score: 0.7, evidence: '{}'}]->(c11),
       (amp2)-[:MEMBER_OF {run: 'run-2019-08-10', role: 'amplifier', role_score: 0.7, evidence: '{}'}]->(c11),
       (amp3)-[:MEMBER_OF {run: 'run-2019-08-10', role: 'amplifier', role_score: 0.5, evidence: '{}'}]->(c12),
       (amp4)-[:MEMBER_OF {run: 'run-2019-08-10', role: 'amplifier', role_score: 0.5, evidence: '{}'}]->(c12),
       (op1)-[:MEMBER_OF {run: 'run-2019-08-11', role: 'core', role_score: 0.95, evidence: '{"originals": 2, "median_amplifier_delay_s": 120}'}]->(c21),
       (op2)-[:MEMBER_OF {run: 'run-2019-08-11', role: 'core', role_score: 0.9, evidence: '{"originals": 1}'}]->(c21),
       (amp1)-[:MEMBER_OF {run: 'run-2019-08-11', role: 'amplifier', role_score: 0.8, evidence: '{"retweets_of_core": 3}'}]->(c21),
       (amp2)-[:MEMBER_OF {run: 'run-2019-08-11', role: 'amplifier', role_score: 0.8, evidence: '{"retweets_of_core": 3}'}]->(c21),
       (amp3)-[:MEMBER_OF {run: 'run-2019-08-11', role: 'amplifier', role_score: 0.6, evidence: '{"retweets_of_core": 1}'}]->(c21),
       (amp4)-[:MEMBER_OF {run: 'run-2019-08-11', role: 'amplifier', role_score: 0.55, evidence: '{"retweets_of_core": 1}'}]->(c21),
       (old1)-[:MEMBER_OF {run: 'run-2019-08-11', role: 'amplifier', role_score: 0.5, evidence: '{"retweets_of_core": 1}'}]->(c21),
       (org1)-[:MEMBER_OF {run: 'run-2019-08-11', role_score: 0.0, evidence: '{}'}]->(c23),
       (org2)-[:MEMBER_OF {run: 'run-2019-08-11', role_score: 0.0, evidence: '{}'}]->(c23);

// Retweets: (retweeter, retweet id, original id, time)
UNWIND [['2001', '9201', '9001', '2019-08-01T10:01:00Z'], ['2002', '9202', '9001', '2019-08-01T10:02:00Z'],
        ['2003', '9203', '9001', '2019-08-01T10:05:00Z'], ['2004', '9204', '9001', '2019-08-01T11:30:00Z'],
        ['3001', '9205', '9001', '2019-08-01T10:04:00Z'], ['4001', '9206', '9001', '2019-08-01T20:00:00Z'],
        ['2001', '9211', '9002', '2019-08-02T10:01:00Z'], ['2002', '9212', '9002', '2019-08-02T10:03:00Z'],
        ['2001', '9221', '9003', '2019-08-01T11:02:00Z'], ['2002', '9222', '9003', '2019-08-01T11:02:00Z']] AS row
MATCH (a:Account {id: row[0]}), (orig:Tweet {id: row[2]})
CREATE (a)-[:POSTED]->(rt:Tweet {id: row[1], created_at: datetime(row[3]), lang: 'zh', is_retweet: true, text: 'RT'})-[:RETWEETS]->(orig);

// The account-level RETWEETED summary the loaders keep current
MATCH (a:Account)-[:POSTED]->(rt:Tweet)-[:RETWEETS]->(:Tweet)<-[:POSTED]-(b:Account)
WITH a, b, count(rt) AS times, min(rt.created_at) AS first_at, max(rt.created_at) AS last_at
CREATE (a)-[:RETWEETED {count: times, first_at: first_at, last_at: last_at}]->(b)
