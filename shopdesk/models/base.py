"""Declarative base, column types and naming conventions shared by every model."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Enum, Index, Integer, MetaData, String, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    PostgreSQL keeps ``timestamptz``; SQLite keeps naive UTC text. Naive datetimes are
    refused on the way in, so no local time is ever stored by mistake.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored; use UTC-aware times")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def str_enum(cls: type[enum.Enum], name: str) -> Enum:
    """Store a ``StrEnum`` as its value in a VARCHAR with a CHECK constraint (easy to migrate)."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def partial_index(name: str, *columns: str, where: str) -> Index:
    """An index of only the rows for which ``where`` (SQL) holds, on SQLite and PostgreSQL
    alike: the migrations create it so on both. Only SQLite's option is named here: naming
    ``postgresql_where`` imports SQLAlchemy's PostgreSQL dialect (40 ms of every start, on
    SQLite shops too), and nothing builds PostgreSQL's indexes from the models. The clause
    is kept in ``info["where"]``, which tests/test_db.py checks on both backends."""
    return Index(name, *columns, sqlite_where=text(where), info={"where": where})


def new_key() -> str:
    """A key for records created inside ShopDesk (the dataset format needs one per record)."""
    return uuid.uuid4().hex[:16]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {
        datetime: UTCDateTime(),
        # BIGINT on PostgreSQL; INTEGER on SQLite so that primary keys are rowid aliases.
        int: BigInteger().with_variant(Integer(), "sqlite"),
        str: String(),
    }
