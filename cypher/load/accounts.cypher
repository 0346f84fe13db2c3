// name: accounts
// description: Create or update accounts that have a row of their own (no longer stubs), tagged with the dataset when one is given. Column-oriented: parallel lists, one entry per account. An empty value never clears a known one (coalesce), so a later row without account_creation_date keeps created_at. hashed is 1/0. A matched account whose profile_digest equals the row's digest (the same row was applied last time) only gets last_seen (unless $reapply, a forced re-load): the server skips thirteen coalesce()s per author of a night's tweets.
// param: ids: list[string]
// param: screen_names: list[string]
// param: display_names: list[string]
// param: locations: list[string]
// param: descriptions: list[string]
// param: profile_urls: list[string]
// param: followers: list[int]
// param: following: list[int]
// param: created_at: list[string]
// param: langs: list[string]
// param: hashed: list[int]
// param: digests: list[string]
// param: reapply: bool
// param: now: string
// param: dataset: string
OPTIONAL MATCH (d:Dataset {name: $dataset})
UNWIND range(0, size($ids) - 1) AS i
MERGE (a:Account {id: $ids[i]})
ON CREATE SET a.screen_name = $screen_names[i], a.display_name = $display_names[i], a.location = $locations[i],
    a.description = $descriptions[i], a.profile_url = $profile_urls[i], a.followers = $followers[i],
    a.following = $following[i], a.created_at = datetime($created_at[i]), a.lang = $langs[i],
    a.hashed = $hashed[i] = 1, a.stub = false, a.first_seen = datetime($now), a.last_seen = datetime($now),
    a.profile_digest = $digests[i]
ON MATCH SET a.last_seen = datetime($now)
WITH d, a, i
CALL (a, i) {
  WITH a, i WHERE $reapply OR a.profile_digest IS NULL OR a.profile_digest <> $digests[i]
  SET a.screen_name = coalesce($screen_names[i], a.screen_name),
    a.display_name = coalesce($display_names[i], a.display_name), a.location = coalesce($locations[i], a.location),
    a.description = coalesce($descriptions[i], a.description), a.profile_url = coalesce($profile_urls[i], a.profile_url),
    a.followers = coalesce($followers[i], a.followers), a.following = coalesce($following[i], a.following),
    a.created_at = coalesce(datetime($created_at[i]), a.created_at), a.lang = coalesce($langs[i], a.lang),
    a.hashed = coalesce($hashed[i] = 1, a.hashed), a.stub = false, a.profile_digest = $digests[i]
}
FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | MERGE (a)-[:IN_DATASET]->(d))
