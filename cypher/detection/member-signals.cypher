// name: member-signals
// description: Link accounts of communities that are not plainly organic to their community of this run (MEMBER_OF {run, role: ''}) with the account's detection signals (docs/detection.md), which the role rules read; aligned lists, one entry per account (accounts as internal node ids from this run's projection).
// param: run: string
// param: nodes: list[int]
// param: communities: list[int]
// param: signals: map
UNWIND range(0, size($nodes) - 1) AS i
MATCH (a:Account)
WHERE id(a) = $nodes[i]
MATCH (c:Community {key: $run + '/' + toString($communities[i])})
CREATE (a)-[m:MEMBER_OF {run: $run, role: '', role_score: 0.0}]->(c)
SET m.posts = $signals.posts[i], m.retweets = $signals.retweets[i],
    m.retweets_of_members = $signals.retweets_of_members[i], m.amplified_by_members = $signals.amplified_by_members[i],
    m.median_delay = $signals.median_delay[i], m.fast_share = $signals.fast_share[i],
    m.sync_partners = $signals.sync_partners[i], m.exit_members = $signals.exit_members[i],
    m.vpn_hosting = $signals.vpn_hosting[i], m.mainland = $signals.mainland[i],
    m.creation_cohort = $signals.creation_cohort[i], m.creation_burst = $signals.creation_burst[i],
    m.age_days = $signals.age_days[i], m.young = $signals.young[i], m.dormant_days = $signals.dormant_days[i],
    m.repurposed = $signals.repurposed[i], m.default_profile = $signals.default_profile[i],
    m.default_handle = $signals.default_handle[i], m.office_share = $signals.office_share[i]
