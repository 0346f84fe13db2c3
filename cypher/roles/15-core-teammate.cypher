// name: core_teammate
// description: Core operators the swarm does not reach: members of an inauthentic community with no role yet, retweeted by at least $min_core_retweeters core operator(s) of the same community (operators retweet their teammates), who posted at least $min_posts tweets of their own, and either something about who they are or where they connect from points the same way (at least $min_distinctive of: creation burst, repurposed account, an exit IP (VPN, hosting or mainland) shared with at least $min_exit_members other member(s), mainland IP) or, for an account with no IP observation at all (archives and collected tweets carry none, so where it connects from is unknown, not clean), at least $min_exchange_retweeters core operators retweeted it, it retweets at least $min_cores_retweeted core operators of the community back, and at least $min_office_share of its own posts, of at least $min_office_posts, keep the community's office hours (made on a weekday inside its busiest block of hours: operators work shifts, while a real reader whom a persona passes on, and who retweets the operators, posts across the day and the week; three or four posts of a person fall in such a block by chance too often to tell). Many operators post content their swarm never boosts, so the core rule (amplified by members) misses them, most of all in archives without IP observations. Popular accounts that operators retweet as camouflage are retweeted by core operators too: they carry no operator's identity signals, and the few that retweeted an operator did so once. Runs after the core rule (it needs its core operators) and before the amplifier rule, in rounds: each round also counts the teammates the rounds before it found (teammates of teammates), until a round finds no one new or after the number of rounds in `// rounds:`. Role score = community score x (1 - 1 / (1 + core operators retweeting it + core operators it retweets)).
// category: roles
// rounds: 5
// param: run: string
// param: verdicts: list[string] = inauthentic
// param: min_core_retweeters: int = 1
// param: min_posts: int = 3
// param: min_distinctive: int = 1
// param: min_exit_members: int = 1
// param: min_exchange_retweeters: int = 2
// param: min_cores_retweeted: int = 3
// param: min_office_share: float = 0.7
// param: min_office_posts: int = 5
// param: examples: int = 3
// returns: account_id, role, role_score, evidence
MATCH (c:Community {run: $run})<-[m:MEMBER_OF]-(a:Account)
WHERE c.verdict IN $verdicts AND m.role = '' AND m.posts >= $min_posts
CALL (a, c) {
  MATCH (k:Account)-[:RETWEETED]->(a)
  WHERE EXISTS { (k)-[:MEMBER_OF {run: $run, role: 'core'}]->(c) }
  RETURN count(k) AS core_retweeters
}
WITH c, m, a, core_retweeters
WHERE core_retweeters >= $min_core_retweeters
CALL (a, c) {
  MATCH (a)-[:RETWEETED]->(k:Account)
  WHERE EXISTS { (k)-[:MEMBER_OF {run: $run, role: 'core'}]->(c) }
  RETURN count(k) AS cores_retweeted
}
WITH c, m, a, core_retweeters, cores_retweeted, [s IN [
       CASE WHEN m.creation_burst THEN 'creation_burst' END,
       CASE WHEN m.young THEN 'young_account' END,
       CASE WHEN m.repurposed THEN 'repurposed_account' END,
       CASE WHEN m.default_profile OR m.default_handle THEN 'default_profile' END,
       CASE WHEN m.exit_members >= $min_exit_members THEN 'shared_exit_ip' END,
       CASE WHEN m.mainland THEN 'mainland_ip' END] WHERE s IS NOT NULL] AS identity
WITH c, m, a, core_retweeters, cores_retweeted, identity,
     size([s IN identity WHERE s IN ['creation_burst', 'repurposed_account', 'shared_exit_ip', 'mainland_ip']]) AS distinctive
WITH c, m, a, core_retweeters, cores_retweeted, identity, distinctive,
     core_retweeters >= $min_exchange_retweeters AND cores_retweeted >= $min_cores_retweeted
       AND m.posts >= $min_office_posts AND coalesce(m.office_share, 0.0) >= $min_office_share
       AND NOT EXISTS { (a)-[:USED_IP]->(:IP) } AS exchange
WHERE distinctive >= $min_distinctive OR exchange
WITH c, m, a, core_retweeters, cores_retweeted, identity, exchange,
     COLLECT {
       MATCH (a)-[:POSTED]->(t:Tweet)<-[:RETWEETS]-(:Tweet)<-[:POSTED]-(k:Account)
       WHERE EXISTS { (k)-[:MEMBER_OF {run: $run, role: 'core'}]->(c) }
       WITH t, count(k) AS by_core ORDER BY by_core DESC, t.id
       RETURN t.id + ' (retweeted by ' + toString(by_core) + ' core)' LIMIT $examples
     } AS example_tweets,
     COLLECT {
       MATCH (a)-[:USED_IP]->(i:IP)
       OPTIONAL MATCH (i)-[:IN_NETWORK]->(n:Network)
       WITH i, n ORDER BY CASE WHEN n.kind IN ['vpn', 'hosting'] OR n.country = 'CN' THEN 0 ELSE 1 END, i.address
       RETURN i.address + ' (' + coalesce(n.kind, 'unknown') + ', ' + coalesce(n.country, '??') + ')' LIMIT $examples
     } AS example_ips
RETURN a.id AS account_id, 'core' AS role,
       round(c.score * (1.0 - 1.0 / (1 + core_retweeters + cores_retweeted)), 4) AS role_score,
       {
         rule: 'core_teammate',
         community: c.id,
         signals: ['retweeted_by_core', 'own_posts'] + CASE WHEN exchange THEN ['retweets_core_without_addresses'] ELSE [] END + identity,
         values: {retweeted_by_core: core_retweeters, cores_retweeted: cores_retweeted, posts: m.posts, retweets: m.retweets,
                  creation_cohort: m.creation_cohort, age_days: m.age_days, dormant_days: m.dormant_days,
                  exit_members: m.exit_members, office_share: m.office_share},
         example_tweets: example_tweets, example_ips: example_ips
       } AS evidence
ORDER BY account_id
