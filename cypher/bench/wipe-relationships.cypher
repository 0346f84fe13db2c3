// name: wipe-relationships
// description: Delete every relationship in small transactions (benchmark clean-up, before wipe): a DETACH DELETE of an account with a million POSTED would hold them all in one transaction and exhaust the heap.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS
