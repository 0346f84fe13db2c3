// name: server-other-transactions
// description: How many transactions other than this one are running on the database: the background warm-up after `db start` stops as soon as anyone else uses the server.
// returns: others
SHOW TRANSACTIONS YIELD currentQuery
WHERE NOT currentQuery CONTAINS 'SHOW TRANSACTIONS'
RETURN count(*) AS others
