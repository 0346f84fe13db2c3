"""``netforensics evaluate``: scorecard arithmetic on hand-made tables, the readers, the CLI and the database read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netforensics.cli import app
from netforensics.cypher_files import CypherFile, list_folder
from netforensics.errors import NetforensicsError
from netforensics.evaluate import Prediction, read_current_run, read_export, read_labels, read_traps, scorecard
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli

# a, b core; c, d amplifiers; e-h organic
LABELS = {"a": "core", "b": "core", "c": "amplifier", "d": "amplifier",
          "e": "organic", "f": "organic", "g": "organic", "h": "organic"}
PREDICTIONS = {
    "a": Prediction("core", "c1"),
    "b": Prediction("amplifier", "c1"),  # right swarm, wrong role
    "c": Prediction("amplifier", "c1"),
    "e": Prediction("amplifier", "c2"),  # a real user flagged
    "f": Prediction("core", "c2"),  # another
    "g": Prediction("", "c3"),
    "x": Prediction("core", "c9"),  # not in the labels
    # d and h have no prediction: not flagged
}


def test_scorecard_arithmetic_on_a_hand_made_table() -> None:
    card = scorecard(LABELS, PREDICTIONS)
    assert (card.core.true_positives, card.core.false_positives, card.core.false_negatives) == (1, 1, 1)
    assert card.core.precision == pytest.approx(0.5) and card.core.recall == pytest.approx(0.5)
    assert card.core.f1 == pytest.approx(0.5)
    assert (card.amplifier.true_positives, card.amplifier.false_positives, card.amplifier.false_negatives) == (1, 2, 1)
    assert card.amplifier.precision == pytest.approx(1 / 3) and card.amplifier.recall == pytest.approx(0.5)
    assert card.amplifier.f1 == pytest.approx(0.4)
    # role confusion (b) is not an error for "inauthentic"
    assert (card.inauthentic.true_positives, card.inauthentic.false_positives, card.inauthentic.false_negatives) == (3, 2, 1)
    assert card.inauthentic.precision == pytest.approx(0.6) and card.inauthentic.recall == pytest.approx(0.75)
    assert card.inauthentic.f1 == pytest.approx(2 / 3)
    assert card.organic_flagged == 2 and card.organic_flagged_share == pytest.approx(0.5)
    assert card.confusion["core"] == {"core": 1, "amplifier": 1, "": 0}
    assert card.confusion["amplifier"] == {"core": 0, "amplifier": 1, "": 1}
    assert card.confusion["organic"] == {"core": 1, "amplifier": 1, "": 2}
    assert [c.community for c in card.worst_communities] == ["c2"]
    worst = card.worst_communities[0]
    assert (worst.labelled_members, worst.flagged, worst.false_positives, worst.inauthentic_members) == (2, 2, 2, 0)
    assert card.unlabelled_predictions == 1


def test_perfect_predictions_score_one_and_flag_no_organic() -> None:
    perfect = {a: Prediction(r if r != "organic" else "", "c") for a, r in LABELS.items()}
    card = scorecard(LABELS, perfect)
    for score in (card.core, card.amplifier, card.inauthentic):
        assert score.precision == score.recall == score.f1 == 1.0
    assert card.organic_flagged == 0 and card.worst_communities == []


def test_no_predictions_scores_zero_without_dividing_by_zero() -> None:
    card = scorecard(LABELS, {})
    assert card.inauthentic.precision == 0.0 and card.inauthentic.recall == 0.0 and card.inauthentic.f1 == 0.0
    assert card.inauthentic.false_negatives == 4 and card.organic_flagged_share == 0.0


def test_worst_communities_are_ordered_by_false_positives_and_limited() -> None:
    labels = {f"o{i}": "organic" for i in range(10)}
    predictions = {f"o{i}": Prediction("amplifier", "big" if i < 6 else ("small" if i < 8 else "tiny")) for i in range(9)}
    card = scorecard(labels, predictions, worst=2)
    assert [(c.community, c.false_positives) for c in card.worst_communities] == [("big", 6), ("small", 2)]


def test_unknown_label_roles_are_refused() -> None:
    with pytest.raises(NetforensicsError, match="unknown roles"):
        scorecard({"a": "bot"}, {})


def test_unknown_predicted_roles_count_as_not_flagged_and_are_reported() -> None:
    card = scorecard({"a": "core"}, {"a": Prediction("suspicious", "c")})
    assert card.core.false_negatives == 1 and card.unknown_roles == {"suspicious": 1}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


LABELS_CSV = "account_id,role,team\n" + "".join(f"{a},{r},{'team-1' if r != 'organic' else ''}\n" for a, r in LABELS.items())
EXPORT_CSV = "account_id,community,role,role_score,evidence\n" + "".join(
    f'{a},{p.community},{p.role},0.9,"{{""signals"": []}}"\n' for a, p in PREDICTIONS.items()
)


def test_readers_parse_labels_and_export_files(tmp_path: Path) -> None:
    assert read_labels(_write(tmp_path / "labels.csv", LABELS_CSV)) == LABELS
    assert read_export(_write(tmp_path / "export.csv", EXPORT_CSV)) == PREDICTIONS
    with pytest.raises(NetforensicsError, match="role"):
        read_labels(_write(tmp_path / "bad.csv", "account_id,kind\na,core\n"))


TRAPS_CSV = ("account_id,role,team,squad,silent,trap\n" "a,core,team-1,squad-1,,\n" "e,organic,,,,supporter\n"
             "f,organic,,,,fan+supporter\n" "g,organic,,,,fan\n" "h,organic,,,,\n")


def test_traps_count_the_real_people_flagged_in_each(tmp_path: Path) -> None:
    labels = _write(tmp_path / "labels.csv", TRAPS_CSV)
    traps = read_traps(labels)
    assert traps == {"e": ("supporter",), "f": ("fan", "supporter"), "g": ("fan",)}
    assert read_traps(_write(tmp_path / "plain.csv", LABELS_CSV)) == {}
    card = scorecard(read_labels(labels), PREDICTIONS, traps=traps)
    # e is flagged amplifier, f core; g is not flagged
    assert {name: (t.people, t.flagged_core, t.flagged_amplifier) for name, t in card.traps.items()} == {
        "fan": (2, 1, 0), "supporter": (2, 1, 1)}
    assert card.as_dict()["traps"]["supporter"]["flagged"] == 2
    assert scorecard(read_labels(labels), PREDICTIONS).traps == {}
    table = CliRunner().invoke(app, ["evaluate", str(labels), "--export", str(_write(tmp_path / "export.csv", EXPORT_CSV))],
                               env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "Real people in the traps" in table.output and "supporter" in table.output


def test_evaluate_cli_scores_an_export_as_json_and_as_a_table(tmp_path: Path) -> None:
    labels = _write(tmp_path / "labels.csv", LABELS_CSV)
    export = _write(tmp_path / "export.csv", EXPORT_CSV)
    result = CliRunner().invoke(app, ["evaluate", str(labels), "--export", str(export), "--json"])
    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    assert card["inauthentic"]["f1"] == pytest.approx(2 / 3)
    assert card["organic_flagged_share"] == pytest.approx(0.5)
    assert card["worst_communities"][0]["community"] == "c2"
    table = CliRunner().invoke(app, ["evaluate", str(labels), "--export", str(export)], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "inauthentic" in table.output and "0.667" in table.output and "50.00%" in table.output and "c2" in table.output


def test_evaluate_help() -> None:
    result = CliRunner().invoke(app, ["evaluate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "--export" in result.output and "--json" in result.output


@pytest.mark.neo4j
def test_current_run_roles_are_read_from_the_database(store: GraphStore) -> None:
    store.write(
        "CREATE (old:DetectionRun {id: 'r1', current: false, status: 'complete'}),"
        " (run:DetectionRun {id: 'r2', current: true, status: 'complete', finished_at: datetime()}),"
        " (c1:Community {key: 'r2/7', id: 7, run: 'r2'}), (c0:Community {key: 'r1/7', id: 7, run: 'r1'}),"
        " (a:Account {id: 'a'}), (e:Account {id: 'e'}), (g:Account {id: 'g'}),"
        " (a)-[:MEMBER_OF {run: 'r2', role: 'core', role_score: 0.9}]->(c1),"
        " (e)-[:MEMBER_OF {run: 'r2', role: 'amplifier', role_score: 0.6}]->(c1),"
        " (g)-[:MEMBER_OF {run: 'r2'}]->(c1),"
        " (g)-[:MEMBER_OF {run: 'r1', role: 'core'}]->(c0)"
    )
    predictions = read_current_run(store)
    assert predictions == {"a": Prediction("core", "7"), "e": Prediction("amplifier", "7"), "g": Prediction("", "7")}
    card = scorecard(LABELS, predictions)
    assert card.core.true_positives == 1 and card.organic_flagged == 1


@pytest.mark.neo4j
def test_evaluate_without_a_detection_run_says_what_to_do(store: GraphStore) -> None:
    with pytest.raises(NetforensicsError, match="netforensics clusters"):
        read_current_run(store)


@pytest.mark.neo4j
@pytest.mark.parametrize("query", list_folder("evaluate"), ids=lambda q: q.path)
def test_evaluate_cypher_headers_match_and_plan(store: GraphStore, query: CypherFile) -> None:
    assert query.description and query.returns
    assert {p.name for p in query.params} == query.used_params()
    store.read("EXPLAIN " + query.text, {p.name: "x" for p in query.params})


@pytest.mark.parametrize("text, expected", [
    ("account_id,role\na,core\n12345\n", r"bad\.csv line 3 has fewer fields than the header"),
    ("account_id,role\na,core\n".encode() + b"b\xff\xfe,organic\n", r"bad\.csv line 3 is not UTF-8"),
])
def test_unreadable_label_rows_are_one_error_naming_file_and_line(tmp_path: Path, text: str | bytes, expected: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(NetforensicsError, match=expected):
        read_labels(path)
    result = run_cli("evaluate", str(path), "--export", str(_write(tmp_path / "export.csv", EXPORT_CSV)))
    assert result.returncode == 1 and "bad.csv line 3" in result.stderr and "Traceback" not in result.stderr


def test_labels_with_an_excel_byte_order_mark_and_stray_spaces_are_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("account_id,role\r\n a ,core\r\nb,Organic \r\n".encode("utf-8-sig"))
    assert read_labels(path) == {"a": "core", "b": "organic"}


def test_conflicting_duplicate_labels_are_refused_naming_both_lines(tmp_path: Path) -> None:
    same = _write(tmp_path / "same.csv", "account_id,role\na,core\nb,organic\na,core\n")
    assert read_labels(same) == {"a": "core", "b": "organic"}
    conflict = _write(tmp_path / "conflict.csv", "account_id,role\na,core\nb,organic\na,organic\n")
    with pytest.raises(NetforensicsError, match=r"account a 'core' on line 2 and 'organic' on line 4"):
        read_labels(conflict)


def test_labels_of_another_data_set_are_warned_about(tmp_path: Path) -> None:
    other = {f"z{i}": role for i, role in enumerate(LABELS.values())}
    card = scorecard(other, PREDICTIONS)
    assert card.inauthentic.recall == 0.0 and card.warnings and "another data set" in card.warnings[0]
    assert scorecard(LABELS, PREDICTIONS).warnings == []
    labels = _write(tmp_path / "labels.csv", "account_id,role\n" + "".join(f"{a},{r}\n" for a, r in other.items()))
    result = CliRunner().invoke(app, ["evaluate", str(labels), "--export", str(_write(tmp_path / "export.csv", EXPORT_CSV))],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "another data set" in result.output
