"""Background work of the plan (django-tasks; the database backend keeps the queue in
PostgreSQL and `manage.py db_worker` runs it)."""

from django_tasks import task

from . import conceptpdf, goedkeuring


@task()
def versie_vastleggen(versie_id: int) -> None:
    """Render and store the PDFs of an approved version (minutes for a large plan)."""
    goedkeuring.vastleggen(versie_id=versie_id)


@task()
def conceptpdf_maken(opdracht_id: int) -> None:
    """Render the PDF a member asked for (the plan as it is now)."""
    conceptpdf.maken(opdracht_id=opdracht_id)
