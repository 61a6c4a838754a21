"""Half-up rounding to 2 places, and the execution rate and score computed from exact Decimals."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from docgen.scoring.rounding import q2
from docgen.scoring.score import execution_score, grade_of
from docgen.scoring.variants import NATIONAL, half_unit


def test_issue_example_rate_and_score() -> None:
    rate = NATIONAL.execution_rate(Decimal("178.25"), Decimal("200.00"))
    assert rate == Decimal("89.13")  # a float path gives 89.12
    assert execution_score(rate, Decimal(10)) == Decimal("8.91")


def test_seed_example_rate_and_score() -> None:
    rate = NATIONAL.execution_rate(Decimal("10411006"), Decimal("11618500"))
    assert (rate, execution_score(rate, Decimal(10))) == (Decimal("89.61"), Decimal("8.96"))


def test_rate_is_capped_at_100_percent_for_the_score() -> None:
    rate = NATIONAL.execution_rate(Decimal(120), Decimal(100))
    assert rate == Decimal("120.00")
    assert execution_score(rate, Decimal(10)) == Decimal("10.00")


def test_zero_or_blank_budget_has_no_rate_and_scores_zero() -> None:
    assert NATIONAL.execution_rate(Decimal(0), Decimal(0)) is None
    assert NATIONAL.execution_rate(Decimal(5), None) is None
    assert execution_score(None, Decimal(10)) == Decimal(0)


def test_score_comes_from_the_published_rate() -> None:
    # 119829 / 123475 = 97.0471…% → 97.05%; 97.05% × 10 = 9.705 → 9.71 (as the seed publishes)
    rate = NATIONAL.execution_rate(Decimal(119829), Decimal(123475))
    assert (rate, execution_score(rate, Decimal(10))) == (Decimal("97.05"), Decimal("9.71"))


def test_grade_boundaries_belong_to_the_higher_band() -> None:
    assert [grade_of(Decimal(x)) for x in ("100", "90", "89.99", "80", "79.99", "60", "59.99", "0")] == [
        "优", "优", "良", "良", "中", "中", "差", "差"]


def test_half_unit_of_what_was_written() -> None:
    assert half_unit(Decimal("184.65")) == Decimal("0.005")
    assert half_unit(Decimal("13414500")) == Decimal("0.5")


@given(st.integers(min_value=0, max_value=10**9))
def test_q2_rounds_half_up(thousandths: int) -> None:
    value = Decimal(thousandths).scaleb(-3)
    expected_cents = (thousandths + 5) // 10  # half up, by integer arithmetic
    assert q2(value) == Decimal(expected_cents).scaleb(-2)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=10**12))
def test_rate_matches_exact_fraction(executed: int, budget: int) -> None:
    rate = NATIONAL.execution_rate(Decimal(executed).scaleb(-2), Decimal(budget).scaleb(-2))
    assert rate is not None
    # rate × 100 (in hundredths of a percent) is round-half-up of executed × 10000 / budget
    numerator = executed * 10000 * 2 + budget
    assert rate == Decimal(numerator // (2 * budget)).scaleb(-2)
