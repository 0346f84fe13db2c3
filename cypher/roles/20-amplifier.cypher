// name: amplifier
// description: Amplifiers: members of an inauthentic community whose retweets largely amplify core operators (at least $min_core_retweets retweets of core accounts of this run, making at least $min_core_share of their retweets: a swarm also retweets the public as camouflage), corroborated by at least $min_corroborating of the following, at least $min_identity of them about who the account is or where it connects from (shared exit IP, creation burst, mainland IP; a young account alone is not one: a fifth of real people joined within the year, and real readers of an outlet persona who retweet it fast are among them), or, for an account with no IP observation at all (archives carry none, so where it connects from is unknown, not clean) and a default profile (no bio, no link: a real reader of an outlet persona who retweets it fast and often looks the same in an archive, except that a person usually says who they are), at least $min_repeat_core_retweets retweets of core accounts, or fast retweets that are also synchronised with members (a silent amplifier retweets once, on cue, with its squad): fast retweets (median delay <= $fast_delay_seconds), synchronised co-retweets with members, an exit IP (VPN / hosting / mainland) shared with members, a creation burst, a young account, a default profile, a mainland IP. A real user who retweeted operation content once, at a human pace, from a home address, is not an amplifier. Evidence signals `repeat_without_addresses` and `synchronised_without_addresses` mark an amplifier flagged by the second path. Role score = community score x corroborating / 7.
// category: roles
// param: run: string
// param: verdicts: list[string] = inauthentic
// param: min_core_retweets: int = 1
// param: min_core_share: float = 0.3
// param: min_corroborating: int = 3
// param: min_identity: int = 1
// param: min_repeat_core_retweets: int = 2
// param: fast_delay_seconds: int = 1800
// param: min_sync_partners: int = 1
// param: min_exit_members: int = 2
// param: examples: int = 3
// returns: account_id, role, role_score, evidence
MATCH (c:Community {run: $run})<-[m:MEMBER_OF]-(a:Account)
WHERE c.verdict IN $verdicts AND m.role = '' AND m.retweets > 0
CALL (a) {
  OPTIONAL MATCH (a)-[r:RETWEETED]->(k:Account)-[:MEMBER_OF {run: $run, role: 'core'}]->(:Community)
  RETURN coalesce(sum(r.count), 0) AS core_retweets, count(k) AS core_accounts, collect(k) AS cores
}
WITH c, m, a, core_retweets, core_accounts, cores, toFloat(core_retweets) / m.retweets AS core_share
WHERE core_retweets >= $min_core_retweets AND core_share >= $min_core_share
WITH c, m, a, core_retweets, core_accounts, cores, core_share, [s IN [
       CASE WHEN m.median_delay IS NOT NULL AND m.median_delay <= $fast_delay_seconds THEN 'fast_retweets' END,
       CASE WHEN m.sync_partners >= $min_sync_partners THEN 'synchronised' END,
       CASE WHEN m.exit_members >= $min_exit_members THEN 'shared_exit_ip' END,
       CASE WHEN m.creation_burst THEN 'creation_burst' END,
       CASE WHEN m.young THEN 'young_account' END,
       CASE WHEN m.default_profile OR m.default_handle THEN 'default_profile' END,
       CASE WHEN m.mainland THEN 'mainland_ip' END] WHERE s IS NOT NULL] AS corroborating
WHERE size(corroborating) >= $min_corroborating
WITH c, m, a, core_retweets, core_accounts, cores, core_share, corroborating,
     size([s IN corroborating WHERE s IN ['shared_exit_ip', 'creation_burst', 'mainland_ip']]) >= $min_identity AS identified
WITH c, m, a, core_retweets, core_accounts, cores, core_share, corroborating, identified,
     CASE WHEN identified OR EXISTS { (a)-[:USED_IP]->(:IP) } OR NOT 'default_profile' IN corroborating THEN []
          ELSE CASE WHEN core_retweets >= $min_repeat_core_retweets THEN ['repeat_without_addresses'] ELSE [] END +
               CASE WHEN 'fast_retweets' IN corroborating AND 'synchronised' IN corroborating THEN ['synchronised_without_addresses'] ELSE [] END
     END AS without_addresses
WHERE identified OR size(without_addresses) > 0
WITH c, m, a, core_retweets, core_accounts, core_share, corroborating, without_addresses,
     COLLECT {
       MATCH (a)-[:POSTED]->(t:Tweet)-[:RETWEETS]->(o:Tweet)<-[:POSTED]-(k:Account)
       WHERE k IN cores
       WITH t ORDER BY t.created_at, t.id
       RETURN t.id LIMIT $examples
     } AS example_tweets,
     COLLECT {
       MATCH (a)-[:USED_IP]->(i:IP)
       OPTIONAL MATCH (i)-[:IN_NETWORK]->(n:Network)
       WITH i, n ORDER BY CASE WHEN n.kind IN ['vpn', 'hosting'] OR n.country = 'CN' THEN 0 ELSE 1 END, i.address
       RETURN i.address + ' (' + coalesce(n.kind, 'unknown') + ', ' + coalesce(n.country, '??') + ')' LIMIT $examples
     } AS example_ips
RETURN a.id AS account_id, 'amplifier' AS role,
       round(c.score * size(corroborating) / 7.0, 4) AS role_score,
       {
         rule: 'amplifier',
         community: c.id,
         signals: ['amplifies_core'] + corroborating + without_addresses,
         values: {core_retweets: core_retweets, core_accounts: core_accounts, core_share: round(core_share, 3),
                  retweets: m.retweets, posts: m.posts, median_delay_seconds: m.median_delay,
                  sync_partners: m.sync_partners, exit_members: m.exit_members, creation_cohort: m.creation_cohort,
                  age_days: m.age_days},
         example_tweets: example_tweets, example_ips: example_ips
       } AS evidence
ORDER BY account_id
