"""Background work of the document (django-tasks; the database backend keeps the queue in
PostgreSQL and `manage.py db_worker` runs it). The services enqueue these; the work itself
is in `renderen.py`, which knows no service: the imports run one way (services → tasks →
renderen)."""

from django_tasks import task

from . import renderen


@task()
def versie_vastleggen(versie_id: int) -> None:
    """Render and store the PDFs of an approved version (minutes for a large plan)."""
    renderen.versie_vastleggen(versie_id=versie_id)


@task()
def conceptpdf_maken(opdracht_id: int) -> None:
    """Render the PDF a member asked for (the plan as it is now)."""
    renderen.concept_maken(opdracht_id=opdracht_id)
