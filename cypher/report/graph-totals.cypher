// name: report-graph-totals
// description: How much evidence the graph holds: accounts (and stubs), tweets, IPs, networks, follows, detection runs.
// returns: accounts, stub_accounts, tweets, ips, networks, follows, runs
RETURN COUNT { (:Account) } AS accounts,
       COUNT { (a:Account) WHERE a.stub = true } AS stub_accounts,
       COUNT { (:Tweet) } AS tweets,
       COUNT { (:IP) } AS ips,
       COUNT { (:Network) } AS networks,
       COUNT { ()-[:FOLLOWS]->() } AS follows,
       COUNT { (:DetectionRun) } AS runs
