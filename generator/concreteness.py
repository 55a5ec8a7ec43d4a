"""How concrete an agreement is: does it say who acts, what is delivered in a way one can count,
and by when? Pure functions on the model; /concreetheid/ explains the same rules to readers, from
the constants below, so the page and the code cannot drift apart."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator import mentions
from generator.model import Agreement, Document, Group, Judgement, Party, Step
from generator.summary import plain, sentences

CONCREET, DEELS, INTENTIE = "concreet", "deels-concreet", "intentie"
LEVELS = (CONCREET, DEELS, INTENTIE)
LABELS = {CONCREET: "Concreet", DEELS: "Deels concreet", INTENTIE: "Intentie"}

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
YEAR = r"(?:19|20)\d\d"
# Words before a year that make it a moment or a deadline ('in 2026', 'vóór 2027', 'start bouw 2026').
# fmt: off
YEAR_WORDS = (
    "in", "In", "vóór", "voor", "Voor", "per", "uiterlijk", "eind", "Eind", "einde", "begin", "Begin",
    "medio", "Medio", "tot en met", "t/m", "tot", "vanaf", "Vanaf", "rond", "gedurende", "periode",
    "start bouw", "startbouw", "oplevering", "opleveren", "planning", "voorjaar", "najaar", "zomer", "najaar van",
)
# fmt: on
# Words that open a subordinate clause: a party named after them is not who acts.
CLAUSE_WORDS = ("of", "dat", "die", "om", "waar", "waarin", "als", "wanneer", "zodat", "omdat", "met", "tussen", "bij")
SUBJECT_WINDOW = 6
# Words that name a party by its role in a document that has only one or two of each.
ROLE_WORDS = r"(?:[Ww]oning)?[Cc]orporaties?|[Hh]uurdersorganisaties?|[Hh]uurdersverenigingen?|[Gg]emeenten?"
COLLECTIVE = ("Partijen", "partijen", "We", "we", "Wij", "wij")
NUMBER_WORDS = "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|honderd|duizend"
# Numbers that name something instead of counting it.
REFERENCE_WORDS = r"art\.|artikel|thema|bijlage|punt|afspraak|afspraken|hoofdstuk|paragraaf|fase|label|versie|nummer|nr\."

_DATE = rf"\d{{1,2}}(?:ste|e)? (?:{MONTHS})(?: {YEAR})?"
_MONTH = rf"(?:(?:begin|eind|medio|Begin|Eind|Medio|in|In|Tot|tot|vóór|voor|Voor) )?(?:{MONTHS}) {YEAR}"
_QUARTER = rf"Q[1-4](?:[ -]{YEAR})?|(?:\d(?:ste|e)|eerste|tweede|derde|vierde) kwartaal(?: (?:van )?{YEAR})?"
_HALF = rf"(?:eerste|tweede) (?:helft|half ?jaar)(?: (?:van )?{YEAR})?"
_YEAR_SPAN = rf"{YEAR}(?:\s?[/–-]\s?(?:{YEAR}|\d\d))?"
_YEAR_AFTER_WORD = rf"(?i:{'|'.join(map(re.escape, YEAR_WORDS))}) (?:het (?:einde|begin) van |het jaar )?{_YEAR_SPAN}"
_YEAR_IN_BRACKETS = rf"\({YEAR}(?:/{YEAR})?\)"
# A frequency with a number of times counts as what (so many meetings) and as when.
_COUNTED = (
    r"(?:[Ee]en|[Éé]én|[Tt]wee|[Dd]rie|[Vv]ier)maal per (?:jaar|kwartaal|maand|week|halfjaar)"
    r"|(?:[Ee]en|[Éé]én|[Tt]wee|[Dd]rie|[Vv]ier|\d+) keer per (?:jaar|kwartaal|maand|week)"
    r"|[Ee]ens per (?:jaar|kwartaal|maand|week|halfjaar)"
)
# Any fixed frequency says when.
_RECURRING = (
    rf"{_COUNTED}|[Pp]er (?:jaar|kwartaal|halfjaar|half jaar)|\b(?:[Hh]alf|[Tt]wee)?[Jj]aarlijks\b(?!e)"
    r"|(?:[Ee]lk|[Ee]lke|[Ii]eder|[Ii]edere) (?:jaar|halfjaar|half jaar|kwartaal|maand)"
)
WHEN = re.compile(
    rf"(?<![\w-])(?:{_DATE}|{_MONTH}|{_QUARTER}|{_HALF}|{_YEAR_AFTER_WORD}|{_RECURRING}|[Dd]oorlopend)(?!\w)|{_YEAR_IN_BRACKETS}"
)
COUNTED = re.compile(_COUNTED)

_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
_RANGE = rf"(?:{_NUMBER})(?:\s?(?:[-–]|tot|à|a)\s?(?:{_NUMBER}))?"
PERCENT = re.compile(rf"(?:\+/- ?|[Mm]ax\. ?|[Mm]inimaal |[Tt]en ?minste |[Gg]emiddeld )?{_RANGE}\s?(?:%|procent)")
MONEY = re.compile(rf"€\s?{_RANGE}(?:\s?(?:miljoen|mln\.?|duizend))?")
# A count is a number followed by what it counts; not a duration, a size or a target group.
NOT_COUNTED = rf"{MONTHS}|keer|maal|de|het|een|van|jaar|jaren|maand|maanden|week|weken|dagen|dag|persoons\w*|kamer\w*"
COUNT = re.compile(rf"(?<![\w.,/€-])(?<!in )(?:{_RANGE}|{NUMBER_WORDS})(?![\w%-])\s+(?!(?:{NOT_COUNTED})\b)([a-zà-ÿ][\w-]*)")
DWELLINGS = re.compile(r"woning|wooneenhe|eenheden|appartement|standplaats|plaatsen|huizen")
# Words that end a found figure's phrase without saying what it counts.
# fmt: off
TRAILING = {"op", "te", "en", "bij", "de", "het", "een", "van", "voor", "in", "aan", "met", "door", "om", "tot", "dat",
            "die", "waarbij", "ten"}
# fmt: on
VERBS = {"wordt", "worden", "ligt", "gaan", "gaat", "is", "zijn", "kan", "kunnen", "zal", "zullen", "moet", "heeft", "hebben"}
_NOT_A_COUNT = re.compile(
    rf"(?:{_DATE}|{_MONTH}|{_QUARTER}|{_HALF}|(?<![\d.]){YEAR}(?:[/-](?:{YEAR}|\d\d))?(?![\d.])"
    rf"|(?:{REFERENCE_WORDS}) ?\d+\w*|\[\^[^\]]*\])"
)


@dataclass(frozen=True)
class Assessment:
    """The level of one agreement as one year's page shows it, with what was found for each
    question; an empty answer means the text does not say it."""

    berekend: str
    wie: str
    wat: str
    wanneer: str
    override: Judgement | None = None

    @property
    def niveau(self) -> str:
        return self.override.niveau if self.override else self.berekend

    @property
    def label(self) -> str:
        return LABELS[self.niveau]

    @property
    def computed_label(self) -> str:
        return LABELS[self.berekend]

    @property
    def reasons(self) -> list[tuple[str, str]]:
        return [("wie", self.wie), ("wat", self.wat), ("wanneer", self.wanneer)]


def level(found: Iterable[str]) -> str:
    """Three answers make an agreement concrete, two partly; one alone does not make a promise checkable."""
    count = sum(1 for f in found if f)
    return CONCREET if count == 3 else DEELS if count == 2 else INTENTIE


def texts(agreement: Agreement, steps: Iterable[Step], group: Group | None = None) -> list[str]:
    """What the agreement promises for the year shown: its own text, its framework text and that
    year's steps. A goal or an explanation says why, not what is agreed, so neither counts. A row
    without any text of its own stands for the framework text of its group."""
    own = [agreement.tekst, agreement.kader, *(f"{s.label}\n\n{s.tekst}" if s.label else s.tekst for s in steps)]
    own = [t for t in own if t.strip()]
    if not own and group is not None and group.kader:
        own = [group.kader]
    return own


def who(agreement: Agreement, steps: list[Step], group: Group | None, names: Mapping[str, str], subjects: list[str]) -> str:
    """The parties that act: the initiative column, the parties of the steps, the party a group of
    agreements belongs to, else a party named at the start of a sentence."""
    for ids in (agreement.initiatief, [p for s in steps for p in s.partijen], group.partijen if group else []):
        if ids:
            return ", ".join(names.get(i, i) for i in dict.fromkeys(ids))
    return ", ".join(dict.fromkeys(subjects))


def subject_parties(text: str, patterns: Mapping[str, re.Pattern[str]]) -> list[str]:
    """Parties (by the name given in `patterns`) or role words such as 'corporaties' among the
    first words of a sentence, before a subordinate clause starts: 'In 2024 stelt de gemeente
    ...', 'Uwoon en Omnia Wonen ...'. 'Partijen' and 'we' name everyone and so no one."""
    role = re.compile(rf"(?<![\w-])(?:{ROLE_WORDS})(?![\w-])")
    found: list[tuple[int, str]] = []
    for number, sentence in enumerate(sentences(text)):
        words = sentence.split()[:SUBJECT_WINDOW]
        cut = next((i for i, w in enumerate(words) if i and w.strip(",;:") in CLAUSE_WORDS), len(words))
        head = " ".join(words[:cut])
        named = [(m.start(), m.end(), name) for name, p in patterns.items() for m in p.finditer(head)]
        for m in role.finditer(head):
            if not any(s <= m.start() < e for s, e, _ in named):
                named.append((m.start(), m.end(), m.group(0).lower()))
        found += [(number * 1000 + start, name) for start, _end, name in named]
    return list(dict.fromkeys(name for _at, name in sorted(found)))


def what(text: str, has_table: bool = False) -> str:
    """The first measurable promise: a percentage, an amount, a number of things, a frequency."""
    return _what(plain_text(text), has_table)


def _what(shown: str, has_table: bool) -> str:
    cleaned = _NOT_A_COUNT.sub(lambda m: " " * len(m.group(0)), shown)
    counts = list(COUNT.finditer(cleaned))
    ranked = [
        [m for m in counts if DWELLINGS.search(m.group(1))],
        list(PERCENT.finditer(cleaned)),
        list(MONEY.finditer(cleaned)),
        counts,
    ]
    for hits in ranked:
        if hits:
            return _phrase(shown, hits[0].start(), hits[0].end())
    if counted := COUNTED.search(cleaned):
        return counted.group(0)
    return "cijfers in een tabel" if has_table else ""


def when(text: str, column: str = "") -> str:
    """The first moment or term: the Wanneer column if it names one, else a date, month, quarter
    or year in the text after a word such as 'in' or 'vóór', a frequency, or 'doorlopend'."""
    return _when(plain_text(text), column)


def _when(shown: str, column: str) -> str:
    for candidate in (plain_text(column), shown):
        if match := WHEN.search(candidate):
            return match.group(0).strip("()")
    return ""


def plain_text(markdown: str) -> str:
    return " ".join(plain(line) for line in markdown.splitlines())


def _phrase(text: str, start: int, end: int, extra_words: int = 4) -> str:
    """A found figure with the few words that say what it counts, within its clause."""
    rest = re.split(r"[.;:,()]|\s[–-]\s", text[end:] + " ", maxsplit=1)[0].split()[:extra_words]
    rest = rest[: next((i for i, w in enumerate(rest) if w in VERBS), len(rest))]
    while rest and rest[-1].lower() in TRAILING:
        rest.pop()
    return " ".join([text[start:end].strip(), *rest]).strip()


def assess(
    agreement: Agreement,
    steps: list[Step],
    parties: Mapping[str, Party],
    document: Document,
    group: Group | None = None,
    override: Judgement | None = None,
) -> Assessment:
    """The level of an agreement for the steps a page shows, with the evidence for each question."""
    shown = texts(agreement, steps, group)
    text = "\n\n".join(shown)
    found = mentions.patterns(parties, document, text)
    roles = [*agreement.initiatief, *(p for s in steps for p in s.partijen), *(group.partijen if group else [])]
    names = {i: mentions.display_name(parties[i]) for i in {*found, *roles} if i in parties}
    patterns = {names[i]: p for i, p in found.items()}
    found_who = who(agreement, steps, group, names, subject_parties(text, patterns))
    shown_text = plain_text(text)
    found_what = _what(shown_text, any(c.soort != "tekst" for t in agreement.tabellen for c in t.kolommen))
    found_when = _when(shown_text, agreement.wanneer)
    return Assessment(level([found_who, found_what, found_when]), found_who, found_what, found_when, override)
