"""A tiny hand-built operation in the real file formats, for the role-rule and write-back tests.

* 3 core accounts (``core-1..3``), registered on one day with default handles, posting in office hours from one
  shared VPN exit;
* 20 amplifiers (``amp-01..20``), registered in one burst, default profiles, each retweeting two core posts within
  minutes from one shared hosting exit;
* 30 people (``person-01..30``) with bios, old and varied sign-up dates, home addresses (ten behind one campus
  NAT), posting in their evenings and retweeting each other hours later;
* two real users who retweeted operation content once, hours later, from home: ``once-active`` (who also posts)
  and ``once-only`` (whose only activity is that retweet).
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

from netforensics.loaders.io_archive import TWEET_COLUMNS, USER_COLUMNS
from netforensics.store.connection import GraphStore
from netforensics.store.ingest import LoadOptions, load_files

START = datetime(2019, 6, 3)  # a Monday
CORE = [f"core-{i}" for i in range(1, 4)]
AMPLIFIERS = [f"amp-{i:02d}" for i in range(1, 21)]
PEOPLE = [f"person-{i:02d}" for i in range(1, 31)]
ONCE = ["once-active", "once-only"]


def _user(account: str, handle: str, bio: str, created: str, followers: int = 10) -> dict[str, str]:
    return {"userid": account, "user_display_name": handle.title(), "user_screen_name": handle,
            "user_reported_location": "", "user_profile_description": bio, "user_profile_url": "",
            "follower_count": str(followers), "following_count": "20", "account_creation_date": created,
            "account_language": "zh-cn" if account.startswith(("core", "amp")) else "en"}


def write_scenario(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    users: list[dict[str, str]] = []
    tweets: list[dict[str, str]] = []
    ips: list[tuple[str, str]] = []
    serial = iter(range(10_000, 99_999))

    def tweet(user: dict[str, str], at: datetime, text: str, original: dict[str, str] | None = None) -> dict[str, str]:
        row = {column: "" for column in TWEET_COLUMNS}
        row.update({k: user[k] for k in USER_COLUMNS})
        row.update({"tweetid": str(next(serial)), "tweet_language": "en", "tweet_text": text,
                    "tweet_time": at.strftime("%Y-%m-%d %H:%M"), "tweet_client_name": "Twitter Web App",
                    "is_retweet": "False", "latitude": "absent", "longitude": "absent", "quote_count": "0",
                    "reply_count": "0", "like_count": "0", "retweet_count": "0", "hashtags": "[]", "urls": "[]",
                    "user_mentions": "[]"})
        if original is not None:
            row.update({"is_retweet": "True", "retweet_userid": original["userid"], "retweet_tweetid": original["tweetid"],
                        "tweet_text": f"RT @{original['user_screen_name']}: {original['tweet_text']}"})
        tweets.append(row)
        return row

    core_users = [_user(a, f"zhang{48213 + i}", "", "2019-01-10") for i, a in enumerate(CORE)]
    amp_users = [_user(a, f"li{70000 + i}", "", "2019-06-01", followers=2) for i, a in enumerate(AMPLIFIERS)]
    people = [_user(a, f"reader_{a[-2:]}", "coffee, books and hiking", f"20{10 + i % 9}-0{1 + i % 9}-1{i % 10}", 300)
              for i, a in enumerate(PEOPLE)]
    once = [_user(a, a.replace("-", "_"), "just a person", "2014-05-05", 150) for a in ONCE]
    users += core_users + amp_users + people + once

    core_posts = []
    for day in range(10):
        moment = START + timedelta(days=day + (2 if day >= 5 else 0))  # weekdays only
        for i, user in enumerate(core_users):
            core_posts.append(tweet(user, moment + timedelta(hours=2 + i, minutes=7 * day), f"Hong Kong order {day}-{i}"))
    for i, user in enumerate(amp_users):
        for post in (core_posts[i % len(core_posts)], core_posts[(i + 7) % len(core_posts)]):
            tweet(user, datetime.strptime(post["tweet_time"], "%Y-%m-%d %H:%M") + timedelta(minutes=2 + i % 4), "", post)
    people_posts = []
    for day in range(14):
        for i, user in enumerate(people):
            if (i + day) % 3 == 0:
                people_posts.append(tweet(user, START + timedelta(days=day, hours=12 + i % 6, minutes=i), f"evening thoughts {day} {i}"))
    for j, post in enumerate(people_posts):
        fan = people[(j * 7 + 3) % len(people)]
        if fan["userid"] != post["userid"]:
            tweet(fan, datetime.strptime(post["tweet_time"], "%Y-%m-%d %H:%M") + timedelta(hours=3 + j % 20), "", post)
    tweet(once[0], START + timedelta(days=1, hours=13), "my cat says hi")
    tweet(once[0], START + timedelta(days=4, hours=14), "rainy day")
    tweet(once[0], datetime.strptime(core_posts[4]["tweet_time"], "%Y-%m-%d %H:%M") + timedelta(hours=4), "", core_posts[4])
    tweet(once[1], datetime.strptime(core_posts[9]["tweet_time"], "%Y-%m-%d %H:%M") + timedelta(hours=5, minutes=13), "", core_posts[9])

    ips += [(a, "10.1.0.1") for a in CORE] + [(a, "10.2.0.1") for a in AMPLIFIERS]
    ips += [(a, "30.0.0.1") for a in PEOPLE[:10]] + [(a, f"40.0.0.{i + 1}") for i, a in enumerate(PEOPLE + ONCE)]

    tweets.sort(key=lambda row: (row["tweet_time"], row["tweetid"]))
    with (folder / "users.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, USER_COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(users)
    with (folder / "tweets.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, TWEET_COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(tweets)
    with (folder / "ips.csv").open("w", newline="", encoding="utf-8") as handle:
        plain = csv.writer(handle)
        plain.writerow(["account_id", "ip", "first_seen", "last_seen", "count"])
        plain.writerows([(a, ip, "2019-06-03T00:00:00Z", "2019-06-17T00:00:00Z", 5) for a, ip in ips])
    with (folder / "ip_ranges.csv").open("w", newline="", encoding="utf-8") as handle:
        plain = csv.writer(handle)
        plain.writerow(["network", "asn", "as_org", "country", "is_vpn", "kind"])
        plain.writerows([("10.1.0.0/16", 64512, "Tunnel VPN", "HK", "true", "vpn"),
                          ("10.2.0.0/16", 64513, "Cloud Servers", "SG", "false", "hosting"),
                          ("30.0.0.0/16", 64514, "City University", "HK", "false", "campus"),
                          ("40.0.0.0/16", 64515, "Harbour Broadband", "HK", "false", "residential")])


def load_scenario(store: GraphStore, folder: Path) -> None:
    write_scenario(folder)
    options = LoadOptions(rejects_path=folder / "rejects.csv", max_reject_rate=0.0)
    load_files(store, "ip-ranges", [folder / "ip_ranges.csv"], options)
    load_files(store, "io-archive", [folder / "users.csv", folder / "tweets.csv"], options)
    load_files(store, "ips", [folder / "ips.csv"], options)
