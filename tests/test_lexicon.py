"""The lexicon: word lists as validated data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from localties.errors import DataError
from localties.resolve.lexicon import TRIGGERS, load_lexicon, read_lexicon

FILES = {
    "honorifics.tsv": "# word\tflags\nmr\ttitle\ngen\t\n",
    "name_parts.tsv": "# word\tsets\nnguyen\tvn_family,vn_name_part\nkim\tkr_family\n",
    "groups.tsv": "# word\tcountry\tflags\nvietnamese\tVN\tfocus\nthai\tTH\t\n",
    "topics.tsv": "# topic\tflags\tpattern\ntrade\t\t\\btrade\\b\ntechnology\tcase\t\\bIT\\b\n",
    "clause_cues.tsv": (
        "# word\trole\nfacilitate\tact\nsaid\treport\nhoped\tbelief\nfirms\tgroup\n"
    ),
    "triggers.tsv": "# trigger\tflags\tpattern\n"
    + "".join(
        f"{name}\t{'word' if name == 'proposal' else 'case' if name == 'meeting' else ''}"
        f"\t{name}s?\n"
        for name in TRIGGERS
    )
    + "proposal\tword\turg(?:ed|es)\n",
}


def write(folder: Path, **changes: str) -> Path:
    for name, text in {**FILES, **changes}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_small_lexicon_reads(tmp_path: Path) -> None:
    lexicon = read_lexicon(write(tmp_path))
    assert lexicon.honorifics == {"mr", "gen"} and lexicon.title_honorifics == {"mr"}
    assert lexicon.name_parts["vn_name_part"] == {"nguyen"}
    assert lexicon.groups == {"vietnamese": "VN", "thai": "TH"}
    assert lexicon.focus == ("VN",) and lexicon.focus_groups == {"vietnamese": "VN"}
    (_, trade), (_, tech) = lexicon.topics
    assert trade.search("TRADE fair") and not tech.search("it is")
    assert lexicon.clause_cues == {
        "act": {"facilitate"},
        "report": {"said"},
        "belief": {"hoped"},
        "ask": set(),
        "plan": set(),
        "take": set(),
        "group": {"firms"},
        "travel": set(),
    }


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("honorifics.tsv", "Mr\t\n", "lower-case ASCII word"),
        ("honorifics.tsv", "mr\tshout\n", "unknown flags"),
        ("name_parts.tsv", "nguyen\t\n", "belongs to no set"),
        ("groups.tsv", "thai\tThailand\t\n", "ISO 3166-1"),
        ("topics.tsv", "trade\t\t(unclosed\n", "does not compile"),
        ("topics.tsv", "trade only\n", "tab-separated"),
        ("clause_cues.tsv", "said\tclaim\n", "role 'claim' is not one of"),
        ("triggers.tsv", "promise\t\tvow\n", "trigger 'promise' is not one of"),
        ("triggers.tsv", "proposal\t\t(unclosed\n", "does not compile"),
    ],
)
def test_a_broken_line_names_the_file_and_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(DataError, match=rf"lexicon/{name}:1: .*{message}"):
        read_lexicon(write(tmp_path, **{name: text}))


def test_the_packaged_lexicon_covers_the_focus_countries_and_topics() -> None:
    lexicon = load_lexicon()
    assert lexicon.focus == ("VN", "JP", "KR", "CN", "LA")
    topics = [t for t, _ in lexicon.topics]
    assert topics[:3] == ["trade", "investment", "industry"] and len(topics) == len(set(topics))
    assert {"nguyen", "tran", "thi", "van"} <= lexicon.name_parts["vn_name_part"]


def test_triggers_join_their_lines_as_alternatives(tmp_path: Path) -> None:
    triggers = read_lexicon(write(tmp_path)).triggers
    assert triggers["proposal"].search("He URGED them") and triggers["proposal"].search("proposals")
    assert not triggers["proposal"].search("disproposals")  # `word`: bounded on both sides
    assert triggers["signed"].search("cosigned")  # no flag: the line sets its own bounds
    assert triggers["meeting"].search("meetings") and not triggers["meeting"].search("MEETING")


def test_a_trigger_with_mixed_flags_or_no_wording_is_refused(tmp_path: Path) -> None:
    mixed = FILES["triggers.tsv"] + "proposal\t\tasked\n"
    with pytest.raises(DataError, match="must have the same flags"):
        read_lexicon(write(tmp_path, **{"triggers.tsv": mixed}))
    with pytest.raises(DataError, match="no wording for"):
        read_lexicon(write(tmp_path, **{"triggers.tsv": "proposal\tword\tasked\n"}))
