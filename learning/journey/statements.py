"""Row reads and writes sent to PostgreSQL together, built from the models' ``_meta``.

The ORM sends every query on its own, and a heartbeat's time was mostly those round trips
(docs/decisions/0027). Here the rows a request locks are read by one SELECT, and what it
writes goes as one statement of data-modifying CTEs, which PostgreSQL runs to completion
whether or not the final SELECT reads them. Table names, columns, types and value
conversion all come from the models' fields (``column``, ``db_type``, ``get_db_prep_save``,
``from_db_value``), and rows come back as model instances through ``Model.from_db``, so a
renamed column or a new field needs no change here. The SQL text depends only on the
models and the field names, so each shape is built once per process.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Model


@dataclass(frozen=True)
class Statement:
    """One INSERT or UPDATE. ``returning`` is an SQL expression whose value (in the first
    row written) ``run_together`` gives back for this statement; None if it needs none."""

    sql: str
    params: Sequence[Any]
    returning: str | None = None


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def column(model: type[Model], field_name: str) -> str:
    return quote(model._meta.get_field(field_name).column)


def db_value(model: type[Model], field_name: str, value: Any) -> Any:
    return model._meta.get_field(field_name).get_db_prep_save(value, connection)


def update(
    model: type[Model],
    *,
    where: dict[str, Any],
    values: dict[str, Any] | None = None,
    add: dict[str, int] | None = None,
    returning: str | None = None,
) -> Statement:
    """UPDATE the rows matching ``where`` (field names, equality): set ``values``, and add
    ``add`` to what the columns hold (as ``F(name) + n`` would)."""
    values, add = values or {}, add or {}
    params = [db_value(model, name, value) for name, value in values.items()]
    params += list(add.values())
    params += [db_value(model, name, value) for name, value in where.items()]
    return Statement(_update_sql(model, tuple(values), tuple(add), tuple(where)), params, returning)


@lru_cache(maxsize=256)
def _update_sql(model, values: tuple[str, ...], add: tuple[str, ...], where: tuple[str, ...]):
    assignments = [f"{column(model, name)} = %s" for name in values]
    assignments += [f"{column(model, name)} = {column(model, name)} + %s" for name in add]
    conditions = [f"{column(model, name)} = %s" for name in where]
    return (
        f"UPDATE {quote(model._meta.db_table)} SET {', '.join(assignments)}"
        f" WHERE {' AND '.join(conditions)}"
    )


def insert(objs: Sequence[Model], *, returning: str | None = None) -> Statement:
    """INSERT new instances of one model, every concrete field, values prepared as
    ``save()`` prepares them (defaults already set, ``auto_now_add`` filled in)."""
    model = type(objs[0])
    fields = model._meta.concrete_fields
    params = [
        field.get_db_prep_save(field.pre_save(obj, True), connection)
        for obj in objs
        for field in fields
    ]
    row = f"({', '.join(['%s'] * len(fields))})"
    return Statement(
        f"{_insert_sql(model)} VALUES {', '.join([row] * len(objs))}", params, returning
    )


@lru_cache(maxsize=64)
def _insert_sql(model) -> str:
    columns = ", ".join(quote(field.column) for field in model._meta.concrete_fields)
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns})"


def insert_or_add(
    model: type[Model],
    values: dict[str, Any],
    *,
    unique: Sequence[str],
    add: Sequence[str],
    returning: str | None = None,
) -> Statement:
    """INSERT one row, or, where a row with the same ``unique`` fields exists, add this
    row's ``add`` fields to it. ``returning="(xmax = 0)"`` tells which it was: a row just
    inserted has no deleting transaction."""
    params = [db_value(model, name, value) for name, value in values.items()]
    return Statement(
        _insert_or_add_sql(model, tuple(values), tuple(unique), tuple(add)), params, returning
    )


@lru_cache(maxsize=64)
def _insert_or_add_sql(
    model, names: tuple[str, ...], unique: tuple[str, ...], add: tuple[str, ...]
):
    table = quote(model._meta.db_table)
    additions = ", ".join(
        f"{column(model, name)} = {table}.{column(model, name)} + EXCLUDED.{column(model, name)}"
        for name in add
    )
    return (
        f"INSERT INTO {table} ({', '.join(column(model, name) for name in names)})"
        f" VALUES ({', '.join(['%s'] * len(names))})"
        f" ON CONFLICT ({', '.join(column(model, name) for name in unique)})"
        f" DO UPDATE SET {additions}"
    )


def run_together(statements: Sequence[Statement]) -> list[Any]:
    """Run the statements in one round trip, in order; the value each one's ``returning``
    asked for, or None. Rows a statement changes must not be changed by another."""
    if not statements:
        return []
    if len(statements) == 1:
        (statement,) = statements
        sql = statement.sql + (f" RETURNING {statement.returning}" if statement.returning else "")
        with connection.cursor() as cursor:
            cursor.execute(sql, statement.params)
            row = cursor.fetchone() if statement.returning else None
        return [row[0] if row else None]
    parts, params, reads = [], [], []
    for index, statement in enumerate(statements):
        returning = f" RETURNING {statement.returning} AS value" if statement.returning else ""
        parts.append(f"s{index} AS ({statement.sql}{returning})")
        params.extend(statement.params)
        if statement.returning:
            reads.append((index, f"(SELECT value FROM s{index} LIMIT 1)"))
    select = ", ".join(expression for _, expression in reads) or "NULL"
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(parts)} SELECT {select}", params)
        row = cursor.fetchone()
    values: list[Any] = [None] * len(statements)
    for position, (index, _) in enumerate(reads):
        values[index] = row[position]
    return values


@dataclass(frozen=True)
class Lock:
    """Rows of ``model`` to read and lock (FOR UPDATE): ``field IN values`` for each entry
    of ``where``, only ``fields`` loaded (all concrete fields when None)."""

    model: type[Model]
    where: dict[str, Iterable[Any]]
    fields: tuple[str, ...] | None = None

    @property
    def shape(self) -> tuple:
        return (self.model, tuple(self.where), self.fields)


def lock_together(locks: Sequence[Lock]) -> list[list[Model]]:
    """Read and lock the rows of several models in one round trip, in the order given (the
    lock order), each set ordered by primary key. Instances come back as ``Model.from_db``
    makes them: fields not asked for are deferred."""
    shapes = tuple(lock.shape for lock in locks)
    sql, layout = _lock_sql(shapes)
    params = []
    for lock in locks:
        for name, values in lock.where.items():
            field = lock.model._meta.get_field(name)
            params.append([field.get_db_prep_value(value, connection) for value in values])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found: list[list[Model]] = [[] for _ in locks]
    for row in rows:
        index = row[0]
        start, fields, names, converters = layout[index]
        values = list(row[start : start + len(fields)])
        for position, field in converters:
            if values[position] is not None:
                values[position] = field.from_db_value(values[position], None, connection)
        found[index].append(locks[index].model.from_db(connection.alias, names, values))
    return found


def _fields(model, names: tuple[str, ...] | None) -> list:
    fields = model._meta.concrete_fields
    if names is None:
        return list(fields)
    # In the model's own order, which Model.from_db expects of a partial row.
    return [field for field in fields if {field.name, field.attname} & set(names)]


@lru_cache(maxsize=64)
def _lock_sql(shapes: tuple) -> tuple[str, list]:
    """The SELECT for these lock shapes, and where each shape's columns sit in its rows:
    (first column, fields, attnames, fields needing from_db_value by position)."""
    ctes, branches, layout = [], [], []
    start = 1
    for index, (model, where, names) in enumerate(shapes):
        fields = _fields(model, names)
        conditions = " AND ".join(f"{column(model, name)} = ANY(%s)" for name in where)
        columns = ", ".join(quote(field.column) for field in fields)
        ctes.append(
            f"l{index} AS (SELECT {columns} FROM {quote(model._meta.db_table)}"
            f" WHERE {conditions} ORDER BY {quote(model._meta.pk.column)} FOR UPDATE)"
        )
        converters = [
            (position, field)
            for position, field in enumerate(fields)
            if hasattr(field, "from_db_value")
        ]
        layout.append((start, fields, [field.attname for field in fields], converters))
        start += len(fields)
    for index in range(len(layout)):
        # One row shape for all: this lock's columns in its place, typed NULLs elsewhere.
        select = [str(index)]
        for other, (_, other_fields, _, _) in enumerate(layout):
            for field in other_fields:
                if other == index:
                    select.append(f"l{index}.{quote(field.column)}")
                else:
                    select.append(f"CAST(NULL AS {field.db_type(connection)})")
        branches.append(f"SELECT {', '.join(select)} FROM l{index}")
    return f"WITH {', '.join(ctes)} {' UNION ALL '.join(branches)}", layout
