"""Clean stage: find the story inside a crawled article, without touching the original.

`clean(raw)` returns a `CleanView`: the story text that NLP sees (captions, agency
tags, menus and trailing boilerplate cut out; ASCII-folded; glued words split), an
offset map back to the original text, and what the page says about itself
(publication date, news agency, dateline place name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from localties.glue import split_glued
from localties.model.article import CleanView, Excluded, RawArticle
from localties.model.edtf import Edtf
from localties.textfold import fold

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(),
        1,
    )
}
_MONTH_RE = (
    "|".join(m.capitalize() for m in MONTHS)
    + "|"
    + "|".join(m[:3].capitalize() + r"\." for m in MONTHS)
)
_WEEKDAY_RE = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"

HEADER_RE = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})\s")
# A line that is nothing but a date, as page bylines are: "Tuesday, November 21, 2023",
# "October 17, 2024 - 21:39", "• 21/11/2023 10:05".
BYLINE_RE = re.compile(
    r"^[ \t•·|\-]*(?:(?:Updated|Published|Posted|Last updated)(?: on| at)?\s*:?\s*)?"
    rf"(?:{_WEEKDAY_RE},?\s+)?(?:(?P<mon>{_MONTH_RE})\s+(?P<day>\d{{1,2}})\s*,?\s+(?P<year>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})\s+(?P<mon3>{_MONTH_RE})\s+(?P<y3>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<y2>\d{{4}})|(?P<y4>\d{{4}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}}))"
    r"(?:\s*[-–|,]?\s*\d{1,2}:\d{2}(?:\s*(?:[AaPp][Mm]|GMT[+\-]?\d*|\(GMT[+\-]\d+\)))?)?[ \t|]*$",
    re.MULTILINE,
)
# Photo credits close a caption: "(Photo: VNA)", "(Source: ...)", "VNA/VNS Photo", "(Photo by ...)".
CREDIT_RE = re.compile(
    r"\((?:Photo|Photos|Source|Image|Ảnh|Anh)\s*(?::|by)[^()\n]{0,80}\)[ \t|]*"
    r"|\b(?:VNA|VNS|VNA/VNS|VOV|SGGP)\s+Photo\b[ \t|]*"
    r"|^\s*(?:Photo for illustration|Illustrative (?:image|photo)|Photo)\s*:?[^\n]{0,80}$",
    re.MULTILINE | re.IGNORECASE,
)
# Vietnamese CMS image markers glued into a caption line: "... ảnh 1Deputy Prime Minister ...".
IMAGE_MARK_RE = re.compile(r"(?:ảnh|hình ảnh|hinh anh)\s*\d+", re.IGNORECASE)
# Handshake captions: "(R)", "(L)", "(right)", "(second from left)", ", right,".
POSITION_RE = re.compile(
    r"\((?:R|L|C|right|left|centre|center|front|[a-z]+ from (?:the )?(?:left|right)[^()]{0,30})\)"
    r"|,\s*(?:right|left|center|centre),\s",
)
BOILERPLATE_RE = re.compile(
    r"^[ \t]*(?:See more|Related news|Related articles|Related stories|Read more|More news|Other news"
    r"|Related|You may also like|Most read|Most viewed|Tags?:?|Keywords?:?|Share this article)"
    r"[ \t:]*$",
    re.MULTILINE | re.IGNORECASE,
)
MENU_WORDS = {
    "home", "latest", "news", "politics", "law", "business", "economy", "society", "world",
    "sports", "sport", "culture", "travel", "opinion", "life", "environment", "&", "and",
    "from", "japan", "vietnam", "national", "local", "regions", "region", "features", "video",
    "photos", "newsfrom", "multimedia", "trending", "lifestyle", "health", "education",
}  # fmt: skip
AGENCY_NAMES = {
    "vietnam news agency": "VNA",
    "vna": "VNA",
    "vns": "VNS",
    "viet nam news": "VNS",
    "vietnam news": "VNS",
    "vna/vns": "VNA/VNS",
}
# Outlets that a page names on a line of their own near the top (a byline), as written.
OUTLET_RE = re.compile(
    r"[ \t•·|\-]*(?P<name>Kyodo(?:,\s*JIJI)?|JIJI|Jiji Press|The Yomiuri Shimbun|The Japan Times"
    r"|The Asahi Shimbun|The Mainichi|Nikkei Asia|NHK World|Xinhua|Yonhap|KPL|VNA|VNS)[ \t]*$",
    re.MULTILINE,
)
TRAIL_TAG_RE = re.compile(
    r"(?:[-–—]+\s*(?P<a>VNA/VNS|VNA|VNS)\b[ \t]*|/\.|(?<=[.!?\"”])\s+(?P<b>VNA|VNS)\b[ \t]*"
    r"|^\s*(?P<c>VNA/VNS|VNA|VNS)[ \t]*$|^\s*Source\s*:\s*(?P<d>[^\n]{2,60}?)\s*$)",
    re.MULTILINE,
)
# Datelines: "Hanoi (VNA) –", "HÀ NỘI —", "HCM CITY —", "Hanoi:", "Chiba, March 21 (Jiji Press)--".
_CAPS = r"[A-ZÀ-Ỹ][A-ZÀ-Ỹ.'\-]*"
DATELINE_RES = (
    re.compile(
        r"(?P<place>[A-ZÀ-Ỹ][\wÀ-ỹ.'\-]*(?:\s+[A-ZÀ-Ỹ][\wÀ-ỹ.'\-]*){0,2})"
        rf"(?:,\s+(?:{_MONTH_RE})\s+\d{{1,2}})?\s*\((?P<agency>[A-Za-z][\w/ ]{{1,30}})\)\s*(?:[-–—:]+|$)"
    ),
    re.compile(rf"(?P<place>{_CAPS}(?:\s+{_CAPS}){{0,2}})\s*[-–—]+\s+(?=[A-Z])"),
    re.compile(r"(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}):\s+(?=[A-Z])"),
)


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What a page says about itself, read before the story is cut out."""

    published: str | None
    source: str | None
    dateline: str | None


def clean(raw: RawArticle, protected: frozenset[str], *, story: bool = True) -> CleanView:
    """Return the story view of `raw` with an offset map back to its text.

    The original text is never modified; every character of the view maps to the
    character of `raw.text` it came from. `protected` holds the lower-cased words of
    known names, which are never split as glued words (`Knowledge.protected_words`).
    With `story=False` only the metadata (date, source, dateline, excluded parts) is
    read and the view's text is empty: for articles no records will be looked for in.
    """
    text = raw.text
    excluded: list[Excluded] = []
    published = _valid_date(raw.published)
    header = HEADER_RE.match(text)
    if header:
        excluded.append(Excluded(0, header.end(), "header"))
        published = published or _valid_date("-".join(header.groups()))
    excluded += _captions(text)
    excluded += _boilerplate(text)
    excluded += _menus(text, _story_start(excluded))
    byline = _byline(text, excluded) or _stamp(text, excluded)
    if byline:
        excluded.append(byline[0])
        published = published or _valid_date(byline[1])
    source, tags = _agency_tags(text, excluded)
    excluded += tags
    dateline, dl_tag = _dateline(text, excluded)
    if dl_tag is not None:
        excluded.append(dl_tag[0])
        source = dl_tag[1] or source
    outlet = _outlet_line(text, excluded)
    if outlet:
        excluded.append(outlet[0])
        source = source or outlet[1]
    merged = _merge(excluded)
    view, offsets = _build_view(text, merged, protected) if story else ("", [0])
    return CleanView(
        text=view,
        offsets=tuple(offsets),
        published=published,
        source=source,
        dateline=dateline,
        excluded=tuple(merged),
    )


def _valid_date(value: str | None) -> str | None:
    """`YYYY-MM-DD` (of a date or a timestamp) when it is a real day between 1900 and 2100."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        day = value[:10]
        if Edtf.valid(day) and 1900 <= int(day[:4]) <= 2100:
            return day
    return None


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _captions(text: str) -> list[Excluded]:
    """Photo captions: a short line (or line head) that ends in a credit or marks positions."""
    out: list[Excluded] = []
    header = HEADER_RE.match(text)
    floor = header.end() if header else 0
    for m in CREDIT_RE.finditer(text):
        line_start, line_end = _line_bounds(text, m.start())
        start = max(line_start, floor)
        if m.start() - start > 400:  # a long line: cut back to the sentence before the credit only
            cut = max(text.rfind(". ", start, m.start()), text.rfind(".", start, m.start() - 1))
            start = cut + 1 if cut > 0 else start
        out.append(Excluded(start, m.end(), "caption"))
    for m in IMAGE_MARK_RE.finditer(text):
        line_start, line_end = _line_bounds(text, m.start())
        out.append(Excluded(max(line_start, floor), line_end, "caption"))
    lines = list(_lines(text))
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip():
            continue
        if POSITION_RE.search(line) and len(line) < 300 and not _is_dateline_para(line):
            out.append(Excluded(max(start, floor), end, "caption"))
        # A caption printed twice (image caption + its alt text) is no story paragraph.
        if i + 1 < len(lines) and line.strip() == text[lines[i + 1][0] : lines[i + 1][1]].strip():
            nxt = lines[i + 1]
            out.append(Excluded(start, end, "caption"))
            out.append(Excluded(nxt[0], nxt[1], "caption"))
    return out


def _is_dateline_para(line: str) -> bool:
    return bool(re.match(r"\s*\S[^\n]{0,30}\((?:VNA|VNS)\)", line))


def _lines(text: str) -> Iterable[tuple[int, int]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _boilerplate(text: str) -> list[Excluded]:
    """Everything from a `See more` / `Related news` line to the end is site boilerplate."""
    m = BOILERPLATE_RE.search(text, len(text) // 5)
    return [Excluded(m.start(), len(text), "boilerplate")] if m else []


def _story_start(excluded: list[Excluded]) -> int:
    heads = [e.end for e in excluded if e.reason == "header"]
    return heads[0] if heads else 0


def _menus(text: str, start: int) -> list[Excluded]:
    """Short menu lines at the top of a page ("Home Politics & Law", "Latest")."""
    out = []
    for line_start, line_end in _lines(text):
        if line_start > start + 600:
            break
        line = text[max(line_start, start) : line_end]
        words = line.lower().split()
        if words and len(words) <= 5 and all(w in MENU_WORDS for w in words):
            out.append(Excluded(max(line_start, start), line_end, "menu"))
    return out


def _byline(text: str, excluded: list[Excluded]) -> tuple[Excluded, str] | None:
    """A date standing alone on a line near the top of the page."""
    for m in BYLINE_RE.finditer(text, 0, min(len(text), 1200)):
        if _inside(m.start(), excluded) and not _inside_reason(m.start(), excluded, "menu"):
            continue
        if m.group("year"):
            y, mon, d = int(m.group("year")), month_number(m.group("mon")), int(m.group("day"))
        elif m.group("y3"):
            y, mon, d = int(m.group("y3")), month_number(m.group("mon3")), int(m.group("d3"))
        elif m.group("y4"):
            y, mon, d = int(m.group("y4")), int(m.group("m4")), int(m.group("d4"))
        else:
            y, mon, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        if 1 <= mon <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100:
            return Excluded(m.start(), m.end(), "byline"), f"{y:04d}-{mon:02d}-{d:02d}"
    return None


# Bylines with a numeric date somewhere on a short line: "ANI | Tokyo | Updated: 24-11-2021
# 10:23 IST", "11:51:35 AM | 26/9/2019", "Friday, 23:11, 03/07/2015", "Thursday,
# 26/02/2026 - 14:05". Day first, as the sites that write them do.
_STAMP_RE = re.compile(
    r"^(?=[^\n]{0,200}$)[^\n]*?(?:(?:Updated|Published|Posted|Last updated|Created)\s*:?\s*|"
    r"(?:^|[|,•]\s*|\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?\s*[|,-]\s*|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s*(?:\d{1,2}:\d{2},\s*)?))"
    r"(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>(?:19|20)\d{2})\b[^\n]*$",
    re.MULTILINE,
)


def _stamp(text: str, excluded: list[Excluded]) -> tuple[Excluded, str] | None:
    """A short line near the top carrying a numeric day-first date (see `_STAMP_RE`)."""
    for m in _STAMP_RE.finditer(text, 0, min(len(text), 1200)):
        if _inside(m.start(), excluded) and not _inside_reason(m.start(), excluded, "menu"):
            continue
        y, mon, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if 1 <= mon <= 12 and 1 <= d <= 31:
            return Excluded(m.start(), m.end(), "byline"), f"{y:04d}-{mon:02d}-{d:02d}"
    return None


def month_number(name: str) -> int:
    """1-12 for an English month name or its abbreviation ("Nov.", "November")."""
    key = name.rstrip(".").lower()[:3]
    return next(i for m, i in MONTHS.items() if m.startswith(key))


def _inside(pos: int, excluded: list[Excluded]) -> bool:
    return any(e.start <= pos < e.end for e in excluded)


def _inside_reason(pos: int, excluded: list[Excluded], reason: str) -> bool:
    return any(e.start <= pos < e.end and e.reason == reason for e in excluded)


def _agency_tags(text: str, excluded: list[Excluded]) -> tuple[str | None, list[Excluded]]:
    """Trailing agency tags (`/.`, `-VNA`, `— VNA/VNS`, `Source: VNA`) and the source they name."""
    source = None
    tags = []
    cut = min((e.start for e in excluded if e.reason == "boilerplate"), default=len(text))
    for m in TRAIL_TAG_RE.finditer(text, 0, cut):
        if _inside(m.start(), excluded):
            continue
        name = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        if m.group("d"):
            norm = AGENCY_NAMES.get(name.lower().strip(" ."))
            if norm is None and len(name.split()) > 4:
                continue
            name = norm or name.strip(" .")
        if m.group(0).strip() != "/." and m.start() < len(text) * 0.5:
            continue  # agency tags close a story; mid-text "- VNA" is something else
        tags.append(Excluded(m.start(), m.end(), "agency_tag"))
        if name:
            source = name
    return source, tags


def _dateline(
    text: str, excluded: list[Excluded]
) -> tuple[str | None, tuple[Excluded, str | None] | None]:
    """The dateline place name, and the excluded `(VNA) –` part with the agency it names."""
    candidates = [s for s, _ in _lines(text) if s < 1500]
    candidates += [e.end for e in excluded if e.reason in ("caption", "header") and e.end < 1500]
    for pos in sorted(set(candidates)):
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if _inside(pos, excluded):
            continue
        for pattern in DATELINE_RES:
            m = pattern.match(text, pos)
            if not m:
                continue
            place = m.group("place").strip()
            if len(place) < 2 or place.lower() in {"the", "mr", "ms", "dr"}:
                continue
            agency = m.groupdict().get("agency")
            tag_start = m.end("place")
            norm = AGENCY_NAMES.get((agency or "").lower(), agency)
            return place, (Excluded(tag_start, m.end(), "dateline"), norm)
    return None, None


def _outlet_line(text: str, excluded: list[Excluded]) -> tuple[Excluded, str] | None:
    starts = [s for s, _ in _lines(text) if s < 400]
    starts += [e.end for e in excluded if e.reason == "header"]
    for pos in sorted(starts):
        m = OUTLET_RE.match(text, pos)
        if m and not _inside(m.start("name"), excluded):
            return Excluded(m.start(), m.end(), "byline"), m.group("name")
    return None


def _merge(excluded: list[Excluded]) -> list[Excluded]:
    """Sorted, non-overlapping exclusions (overlaps keep the first reason)."""
    out: list[Excluded] = []
    for e in sorted(excluded, key=lambda x: (x.start, -x.end)):
        if e.end <= e.start:
            continue
        if out and e.start < out[-1].end:
            last = out[-1]
            if e.end > last.end:
                out[-1] = Excluded(last.start, e.end, last.reason)
            continue
        out.append(e)
    return out


def _build_view(
    text: str, excluded: list[Excluded], protected: frozenset[str]
) -> tuple[str, list[int]]:
    """Fold the kept characters to ASCII, split glued words, and map every view char back."""
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    for e in [*excluded, Excluded(len(text), len(text), "end")]:
        if e.start > pos:
            folded, fmap = fold(text[pos : e.start])
            chars.append(folded)
            offsets.extend(pos + i for i in fmap)
            if e.start < len(text):  # keep paragraphs apart where something was cut out
                chars.append("\n")
                offsets.append(e.start)
        pos = max(pos, e.end)
    view = "".join(chars)
    view, offsets = split_glued(view, offsets, protected)
    last = offsets[-1] + 1 if offsets else 0
    return view, [*offsets, last]
