"""Documents in the shapes the five real documents do not have, written into a copy of the
project for tests: a second document of one gemeente-year, an addendum, a regional document.
Plainly marked as examples; they never go into data/."""

from __future__ import annotations

from pathlib import Path

SECOND = """\
gemeente: tynaarlo
titel: Prestatieafspraken Tynaarlo en Woonborg 2023 (voorbeeld)
onderdeel: Woonborg
soort: jaarafspraken
periode: {van: 2023, tot: 2023}
jaar: 2023
bron: {bestand: voorbeeld-woonborg.txt}
partijen:
  - partij: gemeente-tynaarlo
  - partij: woonborg
hoofdstukken:
  - id: betaalbaarheid
    titel: Betaalbaarheid
    thema: betaalbaarheid
    afspraken:
      - nummer: "1"
        tekst: Woonborg bouwt in 2023 zestig zeldzaamheidswoningen in Vries.
        initiatief: [woonborg]
"""

SECOND_NEXT = (
    SECOND.replace("2023", "2024")
    .replace("zestig zeldzaamheidswoningen", "tachtig zeldzaamheidswoningen")
    .replace("initiatief: [woonborg]", "initiatief: [woonborg]\n        vervolg_van: {jaar: 2023, deel: woonborg, afspraak: '1'}")
)
"""The next year of the same corporation's document: compared with SECOND, not with Tynaarlo's own."""

ADDENDUM = """\
gemeente: tynaarlo
titel: Addendum op de prestatieafspraken Tynaarlo 2023 (voorbeeld)
soort: addendum
wijzigt: {jaar: 2023}
periode: {van: 2023, tot: 2023}
jaar: 2023
bron: {bestand: voorbeeld-addendum.txt}
partijen:
  - partij: gemeente-tynaarlo
  - partij: woonborg
hoofdstukken:
  - id: wijzigingen
    titel: Wijzigingen
    thema: beschikbaarheid
    afspraken:
      - nummer: "1"
        wijzigt: "{changed}"
        tekst: In plaats van de oorspronkelijke afspraak geldt een addendumtermijn van zes maanden.
"""

REGIONAL = """\
gemeente: regio-drenthe
gemeenten: [tynaarlo, hoogeveen]
titel: Regionale woonafspraken Drenthe 2023 (voorbeeld)
soort: jaarafspraken
periode: {van: 2023, tot: 2023}
jaar: 2023
bron: {bestand: voorbeeld-regio.txt}
partijen:
  - partij: gemeente-tynaarlo
  - partij: gemeente-hoogeveen
  - partij: woonborg
hoofdstukken:
  - id: aandachtsgroepen
    titel: Aandachtsgroepen
    thema: aandachtsgroepen
    afspraken:
      - nummer: "1"
        tekst: De regiogemeenten verdelen de regionale huisvestingstaak volgens een regioverdeelsleutel.
        initiatief: [gemeente-tynaarlo, gemeente-hoogeveen]
"""

REGION_PARTY = """\
- id: regio-drenthe
  naam: Regio Drenthe (voorbeeld)
  korte_naam: Regio Drenthe
  soort: overig
"""

CHANGED = "1"
"""The agreement of Tynaarlo 2023 that the addendum changes."""


def add_shapes(project: Path) -> None:
    data = project / "data"
    (data / "tynaarlo" / "2023-woonborg.yaml").write_text(SECOND, encoding="utf-8")
    (data / "tynaarlo" / "2024-woonborg.yaml").write_text(SECOND_NEXT, encoding="utf-8")
    (data / "tynaarlo" / "2023-addendum.yaml").write_text(ADDENDUM.replace("{changed}", CHANGED), encoding="utf-8")
    (data / "regio-drenthe").mkdir()
    (data / "regio-drenthe" / "2023.yaml").write_text(REGIONAL, encoding="utf-8")
    registry = data / "partijen.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").rstrip("\n") + "\n" + REGION_PARTY, encoding="utf-8")
