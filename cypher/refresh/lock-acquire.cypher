// name: lock-acquire
// description: Take the named refresh lock when it is free, ours, or stale (no heartbeat for $stale_after seconds); a takeover returns how long the previous owner had been silent.
// param: name: string
// param: owner: string
// param: host: string
// param: pid: int
// param: stale_after: int
// returns: acquired, recovered, recovered_from, owner, host, pid, heartbeat_at, previous_heartbeat_at, silent_seconds
MERGE (l:RefreshLock {name: $name})
  ON CREATE SET l.owner = $owner, l.host = $host, l.pid = $pid, l.acquired_at = datetime(), l.heartbeat_at = datetime()
// Writing first takes the node's write lock, so the checks below see the latest committed owner.
SET l.contended_at = datetime()
WITH l,
     l.owner = $owner AS mine,
     l.heartbeat_at < datetime() - duration({seconds: $stale_after}) AS stale,
     l.heartbeat_at AS previous_heartbeat_at
FOREACH (_ IN CASE WHEN stale AND NOT mine THEN [1] ELSE [] END |
  SET l.recovered_from = l.owner, l.owner = $owner, l.host = $host, l.pid = $pid,
      l.acquired_at = datetime(), l.heartbeat_at = datetime())
RETURN l.owner = $owner AS acquired, (stale AND NOT mine) AS recovered,
       l.recovered_from AS recovered_from, l.owner AS owner, l.host AS host, l.pid AS pid, toString(l.heartbeat_at) AS heartbeat_at,
       toString(previous_heartbeat_at) AS previous_heartbeat_at,
       duration.inSeconds(previous_heartbeat_at, datetime()).seconds AS silent_seconds
