"""Read printed figures and check the totals a table states. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.model import Column, Table

NUMBER = "getal"
PERCENTAGE = "percentage"

_NUMBER = re.compile(r"^[+\-−]?\d{1,3}(\.\d{3})*(,\d+)?$|^[+\-−]?\d+(,\d+)?$")


def number(cell: Any) -> float | None:
    """The value of a cell as printed in Dutch ('1.445', '+200', '−2', '6,1'), or None."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip().replace(" ", "")
    if not _NUMBER.match(text):
        return None
    sign = -1.0 if text[0] in "-−" else 1.0
    digits = text.lstrip("+-−").replace(".", "").replace(",", ".")
    return sign * float(digits)


def shown(value: float) -> str:
    """A computed figure written the Dutch way, without needless decimals."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def numeric(column: Column) -> bool:
    return column.soort in (NUMBER, PERCENTAGE)


def rounding(values: list[float | None], cells: list[Any]) -> float:
    """How far a sum of printed, rounded percentages may lie from the whole: half a unit of the
    last printed decimal of each part."""
    margin = 0.0
    for value, cell in zip(values, cells, strict=True):
        if value is not None:
            decimals = len(repr(cell).partition(".")[2]) if isinstance(cell, float) else 0
            margin += 0.5 * 10**-decimals
    return margin


@dataclass(frozen=True)
class Mismatch:
    """A printed total that differs from the sum of what it totals."""

    where: str
    printed: str
    computed: float
    suffix: str = ""

    @property
    def computed_shown(self) -> str:
        return f"{shown(self.computed)}{self.suffix}"

    def __str__(self) -> str:
        return f"{self.where}: gedrukt {self.printed}{self.suffix}, opgeteld {self.computed_shown}"


def mismatches(table: Table) -> list[Mismatch]:
    found: list[Mismatch] = []
    names = [c.naam for c in table.kolommen]
    all_rows = [(str(r[0]) if r else "", r) for r in table.rijen]
    all_rows += [(str(t.cellen[0]) if t.cellen else "", t.cellen) for t in table.totalen]
    for index, column in enumerate(table.kolommen):
        if not column.som_van:
            continue
        parts = [names.index(name) for name in column.som_van if name in names]
        for label, row in all_rows:
            stated = number(row[index]) if index < len(row) else None
            values = [number(row[i]) for i in parts if i < len(row)]
            if stated is not None and all(v is not None for v in values):
                total = sum(v for v in values if v is not None)
                if abs(total - stated) > 1e-9:
                    found.append(Mismatch(f"rij '{label}', kolom '{column.naam}'", str(row[index]), total))
    for total_row in table.totalen:
        if not total_row.som:
            continue
        for index, column in enumerate(table.kolommen):
            if not numeric(column) or index >= len(total_row.cellen):
                continue
            stated = number(total_row.cellen[index])
            cells = [r[index] for r in table.rijen if index < len(r)]
            values = [number(c) for c in cells]
            if stated is None:
                continue
            total = sum(v for v in values if v is not None)
            margin = rounding(values, cells) if column.soort == PERCENTAGE else 1e-9
            if abs(total - stated) > margin:
                label = str(total_row.cellen[0])
                suffix = "%" if column.soort == PERCENTAGE else ""
                where = f"totaalrij '{label}', kolom '{column.naam}'"
                found.append(Mismatch(where, str(total_row.cellen[index]), total, suffix))
    return found
