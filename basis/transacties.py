"""Reading a lot in one go, as one consistent picture of the data."""

from django.db import connection


def lezen_als_een_geheel() -> None:
    """Call first inside `transaction.atomic()`: on PostgreSQL the transaction then reads one
    snapshot (REPEATABLE READ) and writes nothing, so what is read late (the last chunk of
    a streamed export, the last model of an organisation's export) agrees with what was
    read first, whatever is saved meanwhile. SQLite's transaction is one snapshot already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
