"""Topics: the areas of cross-border cooperation a story discusses, from the fixed list."""

from __future__ import annotations

import re

from localties.extract.context import Article

TOPIC_PATTERNS: dict[str, str] = {
    "trade": r"\btrade\b(?! (?:partner|union))|\bexport(?:s|ed|ing)?\b|\bimport(?:s|ed|ing)?\b|commerce|\bmarkets?\b",
    "investment": r"\binvest\w*",
    "industry": r"\bindustr\w*|manufactur\w*|supporting industr\w*|processing|engineering|apparel|"
    r"automobile\w*|semiconductor\w*|garment\w*|textile\w*|factor(?:y|ies)",
    "agriculture": r"\bagricultur\w*|\bagro\w*|farm\w*|forestry|fisher\w*|fishing|aquacultur\w*|\bfood\b|"
    r"\btea\b|\brice\b|\bfruits?\b|pears?\b|seafood|farm produce",
    "technology": r"\btechnolog\w*|\bIT\b|information technology|[Dd]igital\w*|\b[Ss]cience\w*|[Ii]nnovat\w*"
    r"|[Ss]mart cit(?:y|ies)|[Aa]rtificial intelligence|\bAI\b|[Ss]emiconductor\w*",
    "health": r"\bhealth ?care|\bhealthcare|\bhealth\b|nurs(?:e|es|ing)\b|medical|medicines?\b|hospital\w*"
    r"|caregiv\w*|COVID|elderly care",
    "environment": r"(?<!business )(?<!investment )(?<!policy )(?<!working )(?<!living )(?<!favourable )"
    r"(?<!favorable )\benvironment\w*|\bwaste\w*|water treatment|wastewater|green (?:transition|growth|technolog\w*)|"
    r"climate|\benergy\b|renewable|decarboni\w*",
    "labour": r"\blabou?r\w*|\bworkers?\b|trainees?|technical interns?|\binterns\b|apprentices?|caregivers"
    r"|guest workers|workforce",
    "education": r"\beducation\w*|\bstudents?\b|\bschools?\b|study tours?|vocational|training"
    r"|universit(?:y|ies)|human resources?",
    "culture": r"\bcultur\w*|festivals?|\barts?\b|\bsports?\b|music",
    "tourism": r"\btouris\w*|\bholiday\w*|travel\w*",
    "transport": r"\bflights?\b|air routes?|\bairlines?\b|\bports?\b|logistic\w*|infrastructure|\btransport\w*|railway"
    r"|border gates?|bridges?\b|expressways?|highways?|economic corridor",
    "people_exchange": r"people-to-people|delegation exchanges?|exchanges? of delegations|"
    r"delegation\w* exchange|youth exchange|exchanges? (?:between|among) (?:the )?(?:citizens|people|young people)|"
    r"exchange activities|exchanges? between (?:the )?(?:two )?localities|exchanged (?:working )?visits|"
    r"delegation visits|youth affairs|exchanges? between (?:their )?(?:residents|peoples?)|"
    r"(?<!trade )(?<!cultural )(?<!culture )(?<!information )(?<!experience )(?<!technology )(?<!academic )"
    r"(?<!student )\bexchanges\b(?! of (?:experience|information|views|opinions|goods))",
    "community": r"Vietnamese community|Vietnamese people (?:living|in)|community (?:in|there|living)|"
    r"(?:live|living), (?:study|studying)|overseas Vietnamese|(?:Vietnamese|its|their) citizens"
    r"|Vietnamese (?:residents|nationals)",
    "ageing": r"\bage?ing population|population age?ing|\bage?ing\b|elderly|population ages",
    "disaster": r"\bdisaster\w*|typhoon\w*|earthquake\w*|flood\w*|relief",
    "finance": r"\bODA\b|\bloans?\b|\bbank\w*|official development assistance|financ\w*",
}
COMPILED = {
    t: re.compile(p, re.IGNORECASE if t not in ("technology",) else 0)
    for t, p in TOPIC_PATTERNS.items()
}
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
        for topic, pattern in COMPILED.items():
            if topic not in found and pattern.search(text):
                found.append(topic)
    return found


def topics_of(text: str) -> list[str]:
    """Topics named in one passage (for statements and agreements)."""
    text = STOCK_RE.sub(" ", text)
    return [t for t, p in COMPILED.items() if p.search(text)]
