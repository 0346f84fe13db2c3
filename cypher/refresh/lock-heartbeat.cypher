// name: lock-heartbeat
// description: Prove the lock's owner is alive; returns 0 when the lock was taken over.
// param: name: string
// param: owner: string
// returns: held
OPTIONAL MATCH (l:RefreshLock {name: $name, owner: $owner})
SET l.heartbeat_at = datetime()
RETURN count(l) AS held
