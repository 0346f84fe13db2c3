// name: projection-accounts
// description: Every account with the profile fields detection scores, as one row of aligned lists (nulls replaced so the lists stay aligned). `node` is the internal node id, used only to join the other projection queries read in the same run.
// returns: node, id, created, followers, following, screen_name, no_bio, has_url, hashed, stub
MATCH (a:Account)
RETURN collect(id(a)) AS node,
       collect(a.id) AS id,
       collect(coalesce(a.created_at.epochSeconds, -1)) AS created,
       collect(coalesce(toInteger(a.followers), -1)) AS followers,
       collect(coalesce(toInteger(a.following), -1)) AS following,
       collect(coalesce(a.screen_name, '')) AS screen_name,
       collect(coalesce(a.description, '') = '') AS no_bio,
       collect(coalesce(a.profile_url, '') <> '') AS has_url,
       collect(coalesce(a.hashed, false)) AS hashed,
       collect(coalesce(a.stub, false)) AS stub
