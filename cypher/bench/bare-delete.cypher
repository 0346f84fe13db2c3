// name: bare-delete
// description: Remove the benchmark's bare nodes again.
MATCH (n:Bare)
CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS
