"""The parsers alone (no database): every IO-archive quirk, generic formats, rejects with line numbers, headers."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netforensics.loaders import follows, io_archive, ip_ranges, ips, reading, shares, twitter_json, values
from netforensics.loaders.reading import HeaderMismatch, Reject

DATA = Path(__file__).parent / "data" / "load"


def rows_and_rejects(source) -> tuple[list[dict], list[Reject]]:
    records = list(source.records)
    return [r for r in records if not isinstance(r, Reject)], [r for r in records if isinstance(r, Reject)]


def test_users_file_kind_and_quirks() -> None:
    parsed = io_archive.parse(DATA / "io_users.csv")
    assert parsed.kind == "io-users"
    rows, rejects = rows_and_rejects(parsed)
    assert rejects == []
    by_id = {r["id"]: r["props"] for r in rows}
    assert by_id["1098765432109876543"]["hashed"] is False  # a 19-digit id survives as a string
    hashed = by_id["OdQu2nTjX2jrPBIYLBhWu7V0dkr7HEO+oTmv+tHFk="]
    assert hashed["hashed"] is True and hashed["followers"] == 1208 and hashed["following"] == 33  # "1208.0"
    assert hashed["created_at"] == datetime(2019, 7, 30, tzinfo=UTC).isoformat()
    assert by_id["Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo="]["description"] == 'bio with, comma and "quotes"'


def test_tweets_file_quirks_plain_and_gz_agree() -> None:
    plain, _ = rows_and_rejects(io_archive.parse(DATA / "io_tweets.csv"))
    zipped, _ = rows_and_rejects(io_archive.parse(DATA / "io_tweets.csv.gz"))
    assert plain == zipped and len(plain) == 6
    first, retweet, _, _, reply, quote = plain
    assert first["hashtags"] == ["香港", "hongkong"]
    assert first["urls"] == ["https://www.example.com/news/1", "http://hk-news.example.org/a?b=1"]
    assert first["mentions"] == ["2894232011"]
    assert first["props"]["created_at"] == "2019-08-02T18:21:00+00:00"  # minute resolution
    assert first["props"]["quote_count"] == 0 and first["props"]["like_count"] == 3  # "0.0", "3.0"
    assert retweet["retweet_of"] == "1157345692517363713" and retweet["retweet_author"] == "1098765432109876543"
    assert retweet["props"]["is_retweet"] is True and first["props"]["is_retweet"] is False
    assert reply["reply_to"] == "1150000000000000002" and reply["reply_author"] == "777000222"
    assert reply["props"]["text"] == "@critic you are wrong\nsecond line, with a comma"
    assert reply["props"]["has_coordinates"] is True and first["props"]["has_coordinates"] is False
    assert quote["quote_of"] == "1157345692517363713"


def test_rejects_carry_line_numbers_reasons_and_raw_lines() -> None:
    rows, rejects = rows_and_rejects(io_archive.parse(DATA / "io_tweets_with_rejects.csv"))
    assert [r["id"] for r in rows] == ["2000000000000000001", "2000000000000000007"]
    # line 2-3 is the multi-line tweet, so the bad rows start on line 4
    assert [(r.line, r.reason.split(" ")[0]) for r in rejects] == [
        (4, "tweet_time"), (5, "like_count"), (6, "hashtags"), (7, "undecodable"), (8, "expected")]
    assert "bad time" in rejects[0].raw and "yesterday" in rejects[0].raw


@pytest.mark.parametrize("text, expected", [
    ("[]", []), ("", []), ("['香港']", ["香港"]), ("['a', 'b']", ["a", "b"]), ("[123, 456]", ["123", "456"]),
    ("['it\\'s', \"x\"]", ["it's", "x"]), ("[\"a, b\", 'c']", ["a, b", "c"]),
])
def test_python_list_text(text: str, expected: list[str]) -> None:
    assert values.python_list(text, "hashtags") == expected


@pytest.mark.parametrize("text", ["['unclosed", "__import__('os')", "[{'a': 1}]", "not a list"])
def test_python_list_text_never_evaluates_code(text: str) -> None:
    with pytest.raises(ValueError):
        values.python_list(text, "hashtags")


def test_header_mismatch_names_expected_and_found_columns() -> None:
    with pytest.raises(HeaderMismatch) as err:
        follows.parse(DATA / "follows_bad_header.csv")
    message = str(err.value)
    assert "expected columns src_account_id,dst_account_id,[observed_at]" in message
    assert "found source,target" in message


def test_not_an_archive_file_is_a_clear_error() -> None:
    with pytest.raises(HeaderMismatch, match="not an information-operations archive file"):
        io_archive.parse(DATA / "shares.csv")


def test_follows_csv_and_gzipped_json_lines() -> None:
    rows, rejects = rows_and_rejects(follows.parse(DATA / "follows.csv"))
    assert len(rows) == 4 and not rejects and rows[2]["observed_at"] is None
    rows, rejects = rows_and_rejects(follows.parse(DATA / "follows.jsonl.gz"))
    assert [(r["src"], r["dst"]) for r in rows] == [("1", "2"), ("2", "3")] and not rejects


def test_ips_canonical_form_and_sort_keys() -> None:
    rows, rejects = rows_and_rejects(ips.parse(DATA / "ips.csv"))
    assert not rejects
    addresses = [r["address"] for r in rows]
    assert "2001:db8::1" in addresses  # canonical, lower-case, compressed
    assert "192.0.2.1" in addresses  # ::ffff:192.0.2.1 is the IPv4 address
    v4 = rows[0]
    assert v4["sort_key"] == "00000000000000000000ffffcb007107" and v4["version"] == 4 and v4["count"] == 12
    assert rows[5]["count"] == 1  # empty count means one observation


def test_ip_ranges_kind_column_optional() -> None:
    rows, rejects = rows_and_rejects(ip_ranges.parse(DATA / "ip_ranges.csv"))
    assert not rejects
    kinds = {r["cidr"]: (r["kind"], r["asn"], r["country"]) for r in rows}
    assert kinds["198.51.100.0/24"] == ("residential", 64502, "HK")
    assert kinds["10.0.0.0/8"] == ("unknown", None, None)
    rows, _ = rows_and_rejects(ip_ranges.parse(DATA / "ip_ranges_no_kind.csv"))
    assert rows[0]["kind"] == "vpn" and rows[0]["range_end"] == "00000000000000000000ffffcb00717f"


def test_mmdb_asn_and_city(tmp_path: Path) -> None:
    from mmdb_writer import MMDBWriter
    from netaddr import IPSet

    writer = MMDBWriter(ip_version=6, database_type="GeoIP2-City", ipv4_compatible=True)
    writer.insert_network(IPSet(["203.0.113.0/24"]), {"country": {"iso_code": "NL"}, "traits": {"is_anonymous_vpn": True}})
    writer.insert_network(IPSet(["2001:db8::/32"]), {"country": {"iso_code": "DE"}, "autonomous_system_number": 64510})
    path = tmp_path / "city.mmdb"
    writer.to_db_file(str(path))
    rows, rejects = rows_and_rejects(ip_ranges.parse(path))
    assert not rejects
    assert {(r["cidr"], r["kind"], r["country"], r["asn"]) for r in rows} == {
        ("203.0.113.0/24", "vpn", "NL", None), ("2001:db8::/32", "unknown", "DE", 64510)}


def test_shares_become_retweets() -> None:
    rows, rejects = rows_and_rejects(shares.parse(DATA / "shares.csv"))
    assert not rejects
    assert rows[0]["id"] == "s1" and rows[0]["retweet_of"] == "t1" and rows[0]["author_id"] == "acc1"
    assert rows[0]["props"]["created_at"] == datetime.fromtimestamp(1623881091, UTC).isoformat()


def test_twitter_json_v1_and_v2(tmp_path: Path) -> None:
    v1 = {
        "id_str": "20", "created_at": "Wed Oct 10 20:19:24 +0000 2018", "full_text": "RT @a: hi #HK",
        "user": {"id_str": "2", "screen_name": "b", "name": "B", "followers_count": 5, "friends_count": 1,
                 "created_at": "Mon Jan 01 00:00:00 +0000 2018"},
        "retweeted_status": {"id_str": "10", "created_at": "Wed Oct 10 20:00:00 +0000 2018", "text": "hi #HK",
                             "user": {"id_str": "1", "screen_name": "a"}, "entities": {"hashtags": [{"text": "HK"}]}},
        "entities": {"hashtags": [{"text": "HK"}], "user_mentions": [{"id_str": "1", "screen_name": "a"}], "urls": []},
        "source": '<a href="x">Twitter for Android</a>',
    }
    v2 = {"data": [{"id": "30", "author_id": "3", "text": "@a yes", "created_at": "2021-01-01T00:00:00.000Z",
                    "referenced_tweets": [{"type": "replied_to", "id": "10"}], "in_reply_to_user_id": "1",
                    "public_metrics": {"like_count": 2, "retweet_count": 0, "reply_count": 0, "quote_count": 0}}],
          "includes": {"users": [{"id": "3", "username": "c", "name": "C"}], "tweets": [{"id": "10", "author_id": "1", "text": "hi", "created_at": "2018-10-10T20:00:00Z"}]}}
    path = tmp_path / "tweets.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(v1) + "\n" + json.dumps(v2) + "\n{broken\n")
    rows, rejects = rows_and_rejects(twitter_json.parse(path))
    assert [r.line for r in rejects] == [3]
    tweets = {r["id"]: r for r in rows if "author_id" in r}
    assert tweets["20"]["retweet_of"] == "10" and tweets["20"]["retweet_author"] == "1"
    assert tweets["20"]["props"]["client"] == "Twitter for Android" and tweets["20"]["hashtags"] == ["hk"]
    assert tweets["30"]["reply_to"] == "10" and tweets["30"]["reply_author"] == "1" and tweets["30"]["props"]["like_count"] == 2
    accounts = {r["id"] for r in rows if "author_id" not in r and not r.get("stub")}
    assert accounts == {"1", "2", "3"}


# -- values past what the database or Python holds: one reject each, never a failed file (audit, stop 23) ---------
@pytest.mark.parametrize("text", ["1e20", "-1e12", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "inf"])
def test_dates_out_of_range_are_a_reason_naming_the_column(text: str) -> None:
    with pytest.raises(ValueError, match=r"^observed_at is (out of the range of dates|not a date/time)"):
        values.timestamp(text, "observed_at")


@pytest.mark.parametrize("text", ["99999999999999999999", "9" * 5000, "1.0e999", "-5", "-5.0", "nan", "2.5"])
def test_counts_outside_whole_non_negative_64_bit_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"^count is"):
        values.count(text, "count")


def test_counts_inside_the_range_are_kept() -> None:
    assert [values.count(t, "c") for t in ["0", "12", "12.0", " 7 ", "1e3", str(2**63 - 1), ""]] == [
        0, 12, 12, 7, 1000, 2**63 - 1, None]


def test_ids_too_long_to_index_are_refused() -> None:
    assert values.required_id("x" * 1000, "userid") == "x" * 1000
    with pytest.raises(ValueError, match="userid is too long to be a key"):
        values.required_id("9" * 40_000, "userid")
    with pytest.raises(ValueError, match="retweet_tweetid is too long"):
        values.optional_id("香" * 1500, "retweet_tweetid")  # 1,500 characters, 4,500 bytes


def test_one_bad_value_rejects_its_row_only(tmp_path: Path) -> None:
    path = tmp_path / "ips.csv"
    path.write_text("account_id,ip,first_seen,last_seen,count\n1,1.2.3.4,2020-01-01,2020-01-02,99999999999999999999\n"
                    "2,1.2.3.5,2020-01-01,1e20,1\n3,1.2.3.6,2020-01-01,2020-01-02,1\n", encoding="utf-8")
    rows, rejects = rows_and_rejects(ips.parse(path))
    assert [r["account_id"] for r in rows] == ["3"]
    assert [(r.line, r.reason.split(" ")[0]) for r in rejects] == [(2, "count"), (3, "last_seen")]


def test_asn_must_be_a_32_bit_number() -> None:
    for text in ["AS64500", "64500.0", "AS 64500", "+64500", "64500.00", "6.45E+04"]:
        assert ip_ranges.asn_number(text) == 64500
    for text, reason in [("1.0e999", "too large"), ("99999999999999999999", "too large"), ("-3", "negative"),
                         ("4294967296", "too large"), ("x", "not a number")]:
        with pytest.raises(ValueError, match=reason):
            ip_ranges.asn_number(text)


def test_an_unclosed_quote_rejects_every_line_it_swallows(tmp_path: Path) -> None:
    path = tmp_path / "follows.csv"
    path.write_text('src_account_id,dst_account_id\n1,2\n71,"72\n73,74\n75,76\n', encoding="utf-8")
    rows, rejects = rows_and_rejects(follows.parse(path))
    assert [(r["src"], r["dst"]) for r in rows] == [("1", "2")]
    [reject] = rejects
    assert (reject.line, reject.rows) == (3, 3) and "never closed" in reject.reason
    assert reject.raw == '71,"72\n73,74\n75,76'  # the lines as they were read


def test_a_multi_line_record_reads_back_from_the_rejects_file(tmp_path: Path) -> None:
    import csv
    import io

    path = tmp_path / "follows.csv"
    path.write_text('src_account_id,dst_account_id\n"a\nb",c,extra\n5,6\n', encoding="utf-8")
    rows, [reject] = rows_and_rejects(follows.parse(path))
    assert reject.line == 2 and reject.rows == 2 and len(rows) == 1
    assert next(csv.reader(io.StringIO(reject.raw))) == ["a\nb", "c", "extra"]
    assert next(csv.reader(io.StringIO(reading.csv_record_text(["a\nb", "c\r"])))) == ["a\nb", "c\r"]


def test_json_lines_values_of_the_wrong_type_are_rejects(tmp_path: Path) -> None:
    path = tmp_path / "follows.jsonl"
    lines = [{"src_account_id": 123456789012345678.0, "dst_account_id": "1"}, {"src_account_id": "2", "dst_account_id": {"a": 1}},
             {"src_account_id": 3, "dst_account_id": 4.0, "observed_at": 1565000000.5}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    rows, rejects = rows_and_rejects(follows.parse(path))
    assert [(r["src"], r["dst"]) for r in rows] == [("3", "4")]
    assert [r.line for r in rejects] == [1, 2]
    assert "too large to be exact" in rejects[0].reason and "not a single value" in rejects[1].reason


def test_twitter_json_checks_types_and_counts_lines(tmp_path: Path) -> None:
    good = {"id_str": "20", "created_at": "Wed Oct 10 20:19:24 +0000 2018", "text": "hi", "user": {"id_str": "2"},
            "entities": {"user_mentions": [{"id_str": "1", "screen_name": "a"}]}}
    bad_lines = [{**good, "id_str": "21", "favorite_count": "lots"}, {**good, "id_str": "22", "user": {"id_str": "2", "screen_name": {"x": 1}}},
                 {**good, "id_str": "23", "lang": [None]}, {**good, "id_str": "24", "created_at": "99999999999999999999"},
                 {**good, "id_str": "25", "user": {"id_str": "2", "followers_count": -7}}]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in [good, *bad_lines]) + "\n", encoding="utf-8")
    parsed = twitter_json.parse(path)
    rows, rejects = rows_and_rejects(parsed)
    assert [r.line for r in rejects] == [2, 3, 4, 5, 6]
    assert parsed.records_accepted is not None and parsed.records_accepted() == 1  # one line, three rows
    assert len(rows) == 3


def test_a_header_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "follows.csv"
    path.write_text("src_account_id,dst_account_id,src_account_id\n1,2,3\n", encoding="utf-8")
    with pytest.raises(HeaderMismatch, match="names src_account_id more than once"):
        follows.parse(path)


def test_an_ipv6_zone_is_not_part_of_the_address() -> None:
    assert str(values.ip_address("fe80::1%eth0")) == str(values.ip_address("FE80:0::1")) == "fe80::1"


@pytest.mark.parametrize("text, reason", [("1.23457E+18", "spreadsheet rounded"), ("1e+18", "spreadsheet rounded"),
                                          ("nan", "missing"), ("NULL", "missing")])
def test_ids_a_spreadsheet_or_dataframe_mangled_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        values.required_id(text, "userid")


def test_hex_and_base64_ids_are_not_mistaken_for_mangled_numbers() -> None:
    for text in ["5e3", "12e45", "00095f343281b6ea2c6a6c07eed980dd", "OdQu2nTjX2jrPBIYLBhWu7V0dkr7HEO+oTmv+tHFk="]:
        assert values.required_id(text, "id") == text


def test_two_unclosed_quotes_do_not_merge_the_lines_between_them(tmp_path: Path) -> None:
    path = tmp_path / "follows.csv"
    path.write_text('src_account_id,dst_account_id,observed_at\n1,"2,2020-01-01\n3,4,2020-01-01\n5,"6,2020-01-01\n'
                    '7,8,2020-01-01\n', encoding="utf-8")
    rows, [reject] = rows_and_rejects(follows.parse(path))
    assert [(r["src"], r["dst"]) for r in rows] == [("7", "8")]
    assert (reject.line, reject.rows) == (2, 3) and "lines 2-4 rejected" in reject.reason


def test_a_stray_quote_in_an_unquoted_field_is_text(tmp_path: Path) -> None:
    path = tmp_path / "follows.csv"
    path.write_text('src_account_id,dst_account_id,observed_at\n"a\nb",5\'11",2020-01-01\n', encoding="utf-8")
    rows, rejects = rows_and_rejects(follows.parse(path))
    assert rejects == [] and [(r["src"], r["dst"]) for r in rows] == [("a\nb", "5'11\"")]
