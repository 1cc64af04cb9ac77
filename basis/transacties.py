"""Reading a lot in one go, as one consistent picture of the data."""

from django.db import connection


def lezen_als_een_geheel() -> None:
    """Call first inside `transaction.atomic()`: on PostgreSQL the transaction then reads one
    snapshot (REPEATABLE READ) and writes nothing, so what is read late (the last chunk of
    a streamed export, the last model of an organisation's export) agrees with what was
    read first, whatever is saved meanwhile. SQLite's transaction is one snapshot already."""
    # Only as the transaction's first statement: inside an outer transaction (a test's, or
    # a caller's) that one's snapshot already holds, and PostgreSQL refuses the SET.
    buitenste = len(connection.atomic_blocks) == 1
    if connection.vendor == "postgresql" and buitenste:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
