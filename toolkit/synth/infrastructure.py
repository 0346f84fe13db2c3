"""Networks and IP observations: who reached the platform from where.

Networks are invented (private-use AS numbers, invented organisation names) but laid out like the real
thing: residential and mobile ISPs per region (some IPv6), hosting providers, commercial VPNs, a
university campus, mainland-China ISPs and a few unclassified ranges.

Operators exit through VPN / hosting addresses shared within their team, and slip onto mainland
addresses now and then; each amplifier squad shares its own pool of hosting / VPN addresses. People use home and mobile
addresses (households share one), some use a commercial VPN, newsrooms post from hosting, and a campus
NAT puts hundreds of students behind one to three addresses: the trap for "shared IP means coordinated".
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import numpy as np

from netforensics.synth.params import Scenario
from netforensics.synth.profiles import REGIONS
from netforensics.synth.tables import IpObservations
from netforensics.synth.timing import DAY, epoch

REGION_COUNTRY = {"hk": "HK", "us": "US", "uk": "GB", "tw": "TW", "sea": "SG", "kr": "KR", "cn": "CN"}
# First octets of ordinary public unicast space to carve invented /16s and /20s from.
PUBLIC_FIRST_OCTETS = (23, 27, 36, 42, 49, 58, 59, 61, 101, 103, 110, 112, 113, 114, 115, 116, 118, 119, 120,
                       121, 122, 124, 125, 139, 175, 180, 182, 183, 202, 203, 210, 211, 218, 219, 220, 221, 222)
KINDS = ("residential", "mobile", "hosting", "vpn", "campus", "unknown")
ORG_SUFFIXES = {
    "residential": ("Broadband", "Telecom", "Cable", "Fibre"), "mobile": ("Mobile", "Wireless", "Cellular"),
    "hosting": ("Cloud", "Hosting", "Data Centres", "Servers"), "vpn": ("VPN", "Privacy Networks", "Secure Tunnel"),
    "campus": ("University",), "unknown": ("Networks", "Link", "Transit"),
}
ORG_WORDS = ("Harbour", "Pacific", "Lotus", "Summit", "Northwind", "Jade", "Meridian", "Bluewave", "Orchid",
             "Granite", "Aurora", "Kestrel", "Silverline", "Beacon", "Horizon", "Cobalt", "Pearl", "Tidal")


@dataclass
class Network:
    version: int
    base: int  # first address as an integer
    prefix: int
    asn: int
    org: str
    country: str
    kind: str

    @property
    def size(self) -> int:
        return 1 << ((32 if self.version == 4 else 128) - self.prefix)

    @property
    def cidr(self) -> str:
        net = ipaddress.IPv4Network if self.version == 4 else ipaddress.IPv6Network
        return str(net((self.base, self.prefix)))


@dataclass
class Infrastructure:
    networks: list[Network]
    observations: IpObservations

    def by(self, kind: str, country: str | None = None, version: int | None = None) -> np.ndarray:
        return np.asarray([i for i, n in enumerate(self.networks) if n.kind == kind
                           and (country is None or n.country == country)
                           and (version is None or n.version == version)], np.int64)


def _networks(rng: np.random.Generator) -> list[Network]:
    slots = rng.permutation([(a, b) for a in PUBLIC_FIRST_OCTETS for b in range(256)])
    slot = iter(slots.tolist())
    asn = iter(rng.permutation(np.arange(64512, 65534)).tolist())
    words = iter(rng.permutation(ORG_WORDS * 4).tolist())
    out: list[Network] = []

    def org(kind: str) -> str:
        suffixes = ORG_SUFFIXES[kind]
        return f"{next(words)} {suffixes[int(rng.integers(0, len(suffixes)))]}"

    def v4(prefix: int, kind: str, country: str, name: str | None = None) -> None:
        a, b = next(slot)
        third = int(rng.integers(0, 16)) * 16 if prefix == 20 else 0
        out.append(Network(4, (a << 24) | (b << 16) | (third << 8), prefix, next(asn), name or org(kind), country, kind))

    def v6(kind: str, country: str) -> None:
        base = (0x2400 + int(rng.integers(0, 0x300))) << 112 | int(rng.integers(0, 1 << 16)) << 96
        out.append(Network(6, base, 32, next(asn), org(kind), country, kind))

    for region, country in REGION_COUNTRY.items():
        for _ in range(2):
            v4(16, "residential", country)
        v4(16, "mobile", country)
        if region in ("hk", "us", "kr", "cn"):
            v6("mobile", country)
            v6("residential", country)
    for country in ("US", "SG", "JP", "DE", "HK", "NL", "US", "SG"):
        v4(16, "hosting", country)
    v6("hosting", "US")
    for country in ("US", "HK", "JP", "SG", "NL", "GB"):
        v4(20, "vpn", country)
    v4(16, "campus", "HK", name="Harbour University of Science and Technology")
    v4(16, "unknown", "")
    v4(16, "unknown", "")
    return out


def _hosts(networks: list[Network], net: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A random host offset inside each chosen network (IPv6: a random interface in a random /64)."""
    size = np.asarray([min(n.size, 1 << 62) for n in networks], np.int64)[net]
    v6 = np.asarray([n.version == 6 for n in networks])[net]
    return np.where(v6, rng.integers(0, 1 << 62, net.shape[0]), 1 + rng.integers(0, np.maximum(size - 2, 1)))


def _pick_networks(pool: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    return pool[rng.integers(0, pool.shape[0], n)]


def generate(sc: Scenario, account_role: np.ndarray, account_team: np.ndarray, account_squad: np.ndarray, created: np.ndarray,
             region: np.ndarray, news_hubs: np.ndarray, campus: np.ndarray, rng: np.random.Generator) -> Infrastructure:
    """IP observations for every account. ``region`` holds organic regions (index into REGIONS), -1 otherwise."""
    networks = _networks(rng)
    infra = Infrastructure(networks, IpObservations(*(np.zeros(0, np.int64) for _ in range(6))))
    organic = np.flatnonzero(account_role == 0)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # account, network, host, weight

    # people: a home address (households of two share one), often a mobile one too
    home_net = np.empty(organic.shape[0], np.int64)
    mobile_net = np.empty(organic.shape[0], np.int64)
    for r, name in enumerate(REGIONS):
        mask = region[organic] == r
        country = REGION_COUNTRY[name]
        home_net[mask] = _pick_networks(infra.by("residential", country), int(mask.sum()), rng)
        mobile_net[mask] = _pick_networks(infra.by("mobile", country), int(mask.sum()), rng)
    home_host = _hosts(networks, home_net, rng)
    household = np.flatnonzero(rng.random(organic.shape[0] - 1) < 0.12) + 1
    home_net[household], home_host[household] = home_net[household - 1], home_host[household - 1]
    parts.append((organic, home_net, home_host, np.full(organic.shape[0], 30.0)))
    mobile = rng.random(organic.shape[0]) < 0.6
    parts.append((organic[mobile], mobile_net[mobile], _hosts(networks, mobile_net[mobile], rng), np.full(int(mobile.sum()), 15.0)))
    vpn_users = organic[rng.random(organic.shape[0]) < sc.organic_vpn_share]
    vpn_net = _pick_networks(infra.by("vpn"), vpn_users.shape[0], rng)
    parts.append((vpn_users, vpn_net, _hosts(networks, vpn_net, rng), np.full(vpn_users.shape[0], 8.0)))
    # newsrooms post through tools hosted in data centres
    news_net = _pick_networks(infra.by("hosting"), news_hubs.shape[0], rng)
    parts.append((news_hubs, news_net, _hosts(networks, news_net, rng), np.full(news_hubs.shape[0], 400.0)))
    # the campus NAT: hundreds of students behind one to three addresses
    campus_net = infra.by("campus")[0]
    nat_hosts = 1 + rng.choice(4000, sc.campus_nat_ips, replace=False)
    students = campus
    parts.append((students, np.full(students.shape[0], campus_net), nat_hosts[rng.integers(0, sc.campus_nat_ips, students.shape[0])],
                  np.full(students.shape[0], 60.0)))

    # operators: their team's exit addresses (VPN mostly, some hosting); some slip onto mainland ISPs
    exits_net = np.concatenate([infra.by("vpn"), infra.by("hosting", version=4)])
    exit_weight = np.where(np.isin(exits_net, infra.by("vpn")), 0.7 / infra.by("vpn").shape[0], 0.3 / infra.by("hosting", version=4).shape[0])
    core = np.flatnonzero(account_role == 1)
    amps = np.flatnonzero(account_role == 2)
    for t in range(sc.teams):
        members = core[account_team[core] == t]
        if not members.shape[0]:
            continue
        t_net = rng.choice(exits_net, sc.team_exit_ips, p=exit_weight / exit_weight.sum())
        t_host = _hosts(networks, t_net, rng)
        uses = rng.integers(1, min(4, sc.team_exit_ips) + 1, members.shape[0])
        acc = np.repeat(members, uses)
        which = rng.integers(0, sc.team_exit_ips, acc.shape[0])
        parts.append((acc, t_net[which], t_host[which], np.full(acc.shape[0], 40.0)))

    # each amplifier squad has its own pool of exit addresses, rented from one or two providers
    for q in range(int(account_squad.max()) + 1 if amps.shape[0] else 0):
        squad_amps = amps[account_squad[amps] == q]
        if not squad_amps.shape[0]:
            continue
        pool_size = max(1, int(np.ceil(squad_amps.shape[0] / sc.amp_accounts_per_ip)))
        providers = rng.choice(exits_net, 2, p=exit_weight / exit_weight.sum())
        p_net = providers[rng.integers(0, 2, pool_size)]
        p_host = _hosts(networks, p_net, rng)
        uses = rng.integers(1, 3, squad_amps.shape[0])
        acc = np.repeat(squad_amps, uses)
        which = rng.integers(0, pool_size, acc.shape[0])
        parts.append((acc, p_net[which], p_host[which], np.full(acc.shape[0], 6.0)))
    mainland_res = infra.by("residential", "CN")
    slipped = core[rng.random(core.shape[0]) < sc.mainland_core_share]
    s_net = _pick_networks(mainland_res, slipped.shape[0], rng)
    parts.append((slipped, s_net, _hosts(networks, s_net, rng), np.full(slipped.shape[0], 3.0)))
    amp_mainland = amps[rng.random(amps.shape[0]) < 0.02]
    m_net = _pick_networks(infra.by("mobile", "CN"), amp_mainland.shape[0], rng)
    parts.append((amp_mainland, m_net, _hosts(networks, m_net, rng), np.full(amp_mainland.shape[0], 2.0)))

    account = np.concatenate([p[0] for p in parts]).astype(np.int64)
    network = np.concatenate([p[1] for p in parts]).astype(np.int64)
    host = np.concatenate([p[2] for p in parts]).astype(np.int64)
    mean_count = np.concatenate([p[3] for p in parts])
    # one row per (account, address)
    _, first = np.unique(np.stack([account, network, host]), axis=1, return_index=True)
    first = np.sort(first)
    account, network, host, mean_count = account[first], network[first], host[first], mean_count[first]

    start, days = epoch(sc.start), sc.params.days
    begin = np.maximum(created[account], start)
    span = np.maximum(start + days * DAY - begin, DAY)
    first_seen = begin + (rng.random(account.shape[0]) * span * 0.5).astype(np.int64)
    last_seen = first_seen + (rng.random(account.shape[0]) * (begin + span - first_seen)).astype(np.int64)
    count = 1 + rng.poisson(mean_count)
    infra.observations = IpObservations(account, network, host, first_seen, last_seen, count)
    return infra


def address_strings(networks: list[Network], network: np.ndarray, host: np.ndarray) -> np.ndarray:
    """Canonical text of each (network, host) address; IPv4 vectorised, IPv6 through ``ipaddress``."""
    out = np.empty(network.shape[0], dtype=object)
    version = np.asarray([n.version for n in networks])[network]
    v4 = version == 4
    base4 = np.asarray([n.base if n.version == 4 else 0 for n in networks], np.int64)
    value = base4[network[v4]] + host[v4]
    octets = [(value >> s) & 255 for s in (24, 16, 8, 0)]
    out[v4] = [f"{a}.{b}.{c}.{d}" for a, b, c, d in zip(*(o.tolist() for o in octets))]
    for i in np.flatnonzero(~v4).tolist():
        out[i] = str(ipaddress.IPv6Address(networks[int(network[i])].base + int(host[i])))
    return out
