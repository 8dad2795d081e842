"""The summaries' live formulas: the one place that builds a condition on a data column.

A name from the data (store, agent, month, currency, category) is never given to
``COUNTIFS``/``SUMIFS``/``AVERAGEIFS`` as a criterion: a criterion is a pattern. ``*``, ``?``
and ``~`` are wildcards (or, in LibreOffice set so, regular expressions), a leading ``=``,
``<``, ``>`` is an operator, text that looks like a number or a date is compared as one,
letters match whatever their case, and an empty name matches nothing. A store ``栖木*``
counted another store's rows and an agent ``<>x`` everybody else's.

Instead every condition is ``EXACT(column, cell)`` inside ``SUMPRODUCT``: the same text,
character for character, whatever the application's settings, exactly as the rows were
grouped in Python.
"""

from __future__ import annotations


def equals(column: str, cell: str) -> str:
    """Rows whose ``column`` holds exactly the text of ``cell`` (1 or 0 per row)."""
    return f"--EXACT({column},{cell})"


def same_number(column: str, cell: str) -> str:
    """Rows whose ``column`` holds the number in ``cell`` (EXACT would compare numbers as
    text, which LibreOffice does not do over a range)."""
    return f"--({column}={cell})"


def at_least(column: str, number: int) -> str:
    """Rows whose ``column`` is a number ≥ ``number``."""
    return f"--({column}>={number})"


def count(*conditions: str) -> str:
    """How many rows meet every condition."""
    return f"=SUMPRODUCT({','.join(conditions)})"


def total(values: str, *conditions: str) -> str:
    """The sum of ``values`` over the rows that meet every condition (blanks count 0)."""
    return f"=SUMPRODUCT({values},{','.join(conditions)})"


def average(values: str, *conditions: str) -> str:
    """The mean of ``values`` over the rows that meet every condition."""
    return f"{total(values, *conditions)}/{count(*conditions)[1:]}"
