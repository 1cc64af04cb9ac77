"""The worker's part: sending one stored message, and putting it back in the queue for
later when the mail server did not take it (services → tasks → verzenden)."""

from django_tasks import task

from . import verzenden


@task()
def bericht_versturen(bericht_id: int) -> None:
    opnieuw = verzenden.versturen(bericht_id=bericht_id)
    if opnieuw is not None:
        bericht_versturen.using(run_after=opnieuw).enqueue(bericht_id)
