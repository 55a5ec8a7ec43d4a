from generator.model import Column, Table, TotalRow
from generator.tables import mismatches, number


def test_dutch_numbers() -> None:
    assert number("1.445") == 1445
    assert number("+200") == 200
    assert number("−2") == -2
    assert number("6,1") == 6.1
    assert number("2022-2025") is None
    assert number("Wens*") is None


def test_a_total_that_does_not_add_up_is_reported() -> None:
    table = Table(
        id="t",
        kolommen=[Column("Soort"), Column("Aantal", soort="getal")],
        rijen=[["a", "1.000"], ["b", 445]],
        totalen=[TotalRow(["Totaal", "1.446"], som=True)],
    )
    [problem] = mismatches(table)
    assert str(problem) == "totaalrij 'Totaal', kolom 'Aantal': gedrukt 1.446, opgeteld 1.445"


def test_row_sums() -> None:
    table = Table(
        id="t",
        kolommen=[Column("Rij"), Column("A", "getal"), Column("B", "getal"), Column("Totaal", "getal", som_van=["A", "B"])],
        rijen=[["x", 1, 2, 3], ["y", 1, 2, 4]],
    )
    assert [str(m) for m in mismatches(table)] == ["rij 'y', kolom 'Totaal': gedrukt 4, opgeteld 3"]
