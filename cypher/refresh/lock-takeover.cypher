// name: lock-takeover
// description: Take the lock from an owner known to be dead (same host, process gone); only if that owner still holds it.
// param: name: string
// param: dead_owner: string
// param: owner: string
// param: host: string
// param: pid: int
// returns: acquired
MATCH (l:RefreshLock {name: $name, owner: $dead_owner})
SET l.recovered_from = l.owner, l.owner = $owner, l.host = $host, l.pid = $pid,
    l.acquired_at = datetime(), l.heartbeat_at = datetime()
RETURN true AS acquired
