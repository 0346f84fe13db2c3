// name: lock-state
// description: Who holds the named refresh lock and how long ago it last beat (no row when nobody holds it).
// param: name: string
// returns: owner, host, pid, heartbeat_at, silent_seconds
MATCH (l:RefreshLock {name: $name})
RETURN l.owner AS owner, l.host AS host, l.pid AS pid, toString(l.heartbeat_at) AS heartbeat_at,
       duration.inSeconds(l.heartbeat_at, datetime()).seconds AS silent_seconds
