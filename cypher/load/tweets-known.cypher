// name: tweets-known
// description: Which of the given tweet ids exist already (full tweets or stubs): one index seek each, no locks. The others are created with tweets-create instead of merged.
// param: ids: list[string]
// returns: id
UNWIND $ids AS id
MATCH (:Tweet {id: id})
RETURN id
