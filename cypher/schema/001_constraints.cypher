// name: 001_constraints
// description: Uniqueness constraints on every key of the graph model (docs/graph-model.md).
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tweet_id IF NOT EXISTS FOR (n:Tweet) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ip_address IF NOT EXISTS FOR (n:IP) REQUIRE n.address IS UNIQUE;
CREATE CONSTRAINT network_cidr IF NOT EXISTS FOR (n:Network) REQUIRE n.cidr IS UNIQUE;
CREATE CONSTRAINT hashtag_name IF NOT EXISTS FOR (n:Hashtag) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT url_url IF NOT EXISTS FOR (n:Url) REQUIRE n.url IS UNIQUE;
CREATE CONSTRAINT domain_name IF NOT EXISTS FOR (n:Domain) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (n:Dataset) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT loadbatch_sha256 IF NOT EXISTS FOR (n:LoadBatch) REQUIRE n.sha256 IS UNIQUE;
CREATE CONSTRAINT detectionrun_id IF NOT EXISTS FOR (n:DetectionRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT community_key IF NOT EXISTS FOR (n:Community) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT schemaversion_version IF NOT EXISTS FOR (n:SchemaVersion) REQUIRE n.version IS UNIQUE
