// name: 002_indexes
// description: Indexes the loaders, detection and the analyst queries look things up by.
CREATE INDEX tweet_created_at IF NOT EXISTS FOR (n:Tweet) ON (n.created_at);
CREATE INDEX account_screen_name IF NOT EXISTS FOR (n:Account) ON (n.screen_name);
CREATE INDEX account_created_at IF NOT EXISTS FOR (n:Account) ON (n.created_at);
CREATE INDEX network_range_start IF NOT EXISTS FOR (n:Network) ON (n.range_start);
CREATE INDEX network_kind IF NOT EXISTS FOR (n:Network) ON (n.kind);
CREATE INDEX ip_sort_key IF NOT EXISTS FOR (n:IP) ON (n.sort_key);
CREATE INDEX community_run IF NOT EXISTS FOR (n:Community) ON (n.run);
CREATE INDEX community_id IF NOT EXISTS FOR (n:Community) ON (n.id);
CREATE INDEX detectionrun_status IF NOT EXISTS FOR (n:DetectionRun) ON (n.status)
