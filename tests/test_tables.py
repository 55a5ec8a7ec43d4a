from generator.model import Column, Table, TotalRow
from generator.tables import mismatches, number, shown


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


def percentages(values: list[float], printed_total: float) -> Table:
    return Table(
        id="t",
        kolommen=[Column("Label"), Column("%", soort="percentage")],
        rijen=[[str(i), v] for i, v in enumerate(values)],
        totalen=[TotalRow(["Totaal", printed_total], som=True)],
    )


def test_percentages_that_do_not_make_the_printed_whole_are_reported_with_their_sign() -> None:
    [problem] = mismatches(percentages([6.1, 1.0, 3.7, 2.2, 20.9, 15.1, 35.0, 11.3, 6.0, 2.2, 0.9], 100))
    assert str(problem) == "totaalrij 'Totaal', kolom '%': gedrukt 100%, opgeteld 104,4%"


def test_rounded_percentages_may_miss_the_whole_by_half_a_printed_unit_per_row() -> None:
    assert mismatches(percentages([33.3, 33.3, 33.3], 100)) == []
    assert mismatches(percentages([33, 33, 33], 100)) == []
    assert len(mismatches(percentages([33.4, 33.4, 33.4], 100))) == 1


def test_computed_figures_are_written_the_dutch_way() -> None:
    assert shown(38066) == "38.066"
    assert shown(6.1 + 1.0 + 97.3) == "104,4"
    assert shown(-11) == "-11"
