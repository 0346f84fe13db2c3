// name: server-now
// description: The server's clock, as ISO text: a load's timestamps (first_seen, last_seen, its LoadBatch) come from the same clock as a detection run's started_at, so "loaded after the run started" holds even when the loader's machine and the server disagree on the time.
// returns: now
RETURN toString(datetime()) AS now
