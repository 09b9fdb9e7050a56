"""Topics: the areas of cross-border cooperation a story discusses, from the fixed list.

The topics and the wording that names each are data (`data/lexicon/topics.tsv`, read
into `Knowledge.lexicon.topics`); what is here decides which sentences count.
"""

from __future__ import annotations

import re

from localties.extract.context import Article

# Stock phrases about the relationship, not things the sides discuss.
STOCK_RE = re.compile(
    r"largest (?:ODA|official development assistance)|(?:second|third|fourth|largest|biggest|leading|top)"
    r"\s+(?:[\w()-]+\s+){0,4}(?:investor|trade partner|tourism market|economic partner|supplier|provider)"
    r"|strategic partnership|diplomatic ties",
    re.IGNORECASE,
)
CROSS_RE = re.compile(
    r"\b(?:work(?:s|ed|ing)? (?:on|with)|opportunit\w*|interested|potential|keen|"
    r"cooperat\w*|collaborat\w*|exchange\w*|partner\w*|ties|relations?|propos\w*|suggest\w*|ask\w*|urg\w*|"
    r"call\w* (?:on|for)|request\w*|invit\w*|hope\w*|pledg\w*|promis\w*|affirm\w*|will|ready|commit\w*|"
    r"encourag\w*|support\w*|help\w*|promot\w*|boost\w*|enhanc\w*|strengthen\w*|expand\w*|"
    r"signed|MoU|memorandum|agreement|festival|seminar|forum|conference|fair|flights?|route|invest\w*|"
    r"receiv\w*|send\w*|facilitat\w*|wish\w*|want\w*|expect\w*|focus\w*|introduc\w*|donat\w*|assist\w*)\b",
    re.IGNORECASE,
)


def extract_topics(art: Article) -> list[str]:
    """Topics discussed between the sides; none for a story about no such cooperation."""
    if not art.cross_border:
        return []
    found: list[str] = []
    for sent in art.sentences:
        text = STOCK_RE.sub(" ", sent.text)
        if not CROSS_RE.search(text):
            continue
        low = text.lower()
        for topic, pattern, lowered in art.knowledge.lexicon.topic_search:
            if topic not in found and pattern.search(low if lowered else text):
                found.append(topic)
    return found


def topics_of(art: Article, text: str) -> list[str]:
    """Topics named in one passage of the article (for statements and agreements)."""
    text = STOCK_RE.sub(" ", text)
    low = text.lower()
    return [
        t
        for t, p, lowered in art.knowledge.lexicon.topic_search
        if p.search(low if lowered else text)
    ]
