// name: wipe
// description: Delete every node but the schema version records (benchmark clean-up, only with --wipe).
MATCH (n) WHERE NOT n:SchemaVersion
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS
