// name: core
// description: Core operators: members of an inauthentic community whose own content the community amplifies, i.e. at least $min_amplifiers distinct members of the same community retweeted them, those members make up at least $min_member_share of everyone who retweeted them (a news hub that operators retweet as camouflage is amplified mostly by real people), and they posted at least $min_posts tweets of their own; and either something about who they are or where they connect from points the same way (at least $min_distinctive of: creation burst, repurposed account, an exit IP (VPN, hosting or mainland) shared with at least $min_exit_members other member(s), mainland IP), or the members who amplify them are a swarm: at least $min_swarm of them, and at least $min_swarm_share of them, retweet at least twice as often as they post. Real people absorbed into an operation's community are retweeted there by their friends, who post as much as they retweet; a young account and a default profile are listed as evidence but prove nothing here (common among real people; every small account of a hashed release has a default profile). Role score = community score x (1 - 1 / (1 + amplifying members)). Rules run in file order; a later rule never overrides an earlier role.
// category: roles
// param: run: string
// param: verdicts: list[string] = inauthentic
// param: min_amplifiers: int = 2
// param: min_member_share: float = 0.5
// param: min_posts: int = 1
// param: min_distinctive: int = 1
// param: min_exit_members: int = 1
// param: min_swarm: int = 5
// param: min_swarm_share: float = 0.5
// param: examples: int = 3
// returns: account_id, role, role_score, evidence
MATCH (c:Community {run: $run})<-[m:MEMBER_OF]-(a:Account)
WHERE c.verdict IN $verdicts AND m.role = '' AND m.posts >= $min_posts
CALL (a, c) {
  MATCH (b:Account)-[:RETWEETED]->(a)
  MATCH (b)-[mb:MEMBER_OF]->(c)
  RETURN count(b) AS amplifiers, count(CASE WHEN mb.retweets >= 2 * mb.posts THEN 1 END) AS swarm
}
WITH c, m, a, amplifiers, swarm
WHERE amplifiers >= $min_amplifiers
WITH c, m, a, amplifiers, swarm, COUNT { (:Account)-[:RETWEETED]->(a) } AS retweeters
WHERE toFloat(amplifiers) / retweeters >= $min_member_share
WITH c, m, a, amplifiers, swarm, retweeters, swarm >= $min_swarm AND swarm >= $min_swarm_share * amplifiers AS by_swarm, [s IN [
       CASE WHEN m.creation_burst THEN 'creation_burst' END,
       CASE WHEN m.young THEN 'young_account' END,
       CASE WHEN m.repurposed THEN 'repurposed_account' END,
       CASE WHEN m.default_profile OR m.default_handle THEN 'default_profile' END,
       CASE WHEN m.exit_members >= $min_exit_members THEN 'shared_exit_ip' END,
       CASE WHEN m.mainland THEN 'mainland_ip' END] WHERE s IS NOT NULL] AS identity
WHERE by_swarm OR size([s IN identity WHERE s IN ['creation_burst', 'repurposed_account', 'shared_exit_ip', 'mainland_ip']]) >= $min_distinctive
WITH c, m, a, amplifiers, swarm, retweeters, by_swarm, identity,
     COLLECT {
       MATCH (a)-[:POSTED]->(t:Tweet)<-[:RETWEETS]-(rt:Tweet)
       WITH t, count(rt) AS retweets ORDER BY retweets DESC, t.id
       RETURN t.id + ' (' + toString(retweets) + ' retweets)' LIMIT $examples
     } AS example_tweets,
     COLLECT {
       MATCH (a)-[:USED_IP]->(i:IP)
       OPTIONAL MATCH (i)-[:IN_NETWORK]->(n:Network)
       WITH i, n ORDER BY CASE WHEN n.kind IN ['vpn', 'hosting'] OR n.country = 'CN' THEN 0 ELSE 1 END, i.address
       RETURN i.address + ' (' + coalesce(n.kind, 'unknown') + ', ' + coalesce(n.country, '??') + ')' LIMIT $examples
     } AS example_ips
RETURN a.id AS account_id, 'core' AS role,
       round(c.score * (1.0 - 1.0 / (1 + amplifiers)), 4) AS role_score,
       {
         rule: 'core',
         community: c.id,
         signals: ['amplified_by_members', 'own_posts'] + CASE WHEN by_swarm THEN ['amplified_by_swarm'] ELSE [] END + identity,
         values: {amplified_by_members: amplifiers, swarm_members: swarm, retweeters: retweeters, member_share: round(toFloat(amplifiers) / retweeters, 3), posts: m.posts, retweets: m.retweets,
                  creation_cohort: m.creation_cohort, age_days: m.age_days, dormant_days: m.dormant_days,
                  exit_members: m.exit_members},
         example_tweets: example_tweets, example_ips: example_ips
       } AS evidence
ORDER BY account_id
