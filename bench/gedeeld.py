"""What the benchmark scripts share (imported after django.setup())."""

from django.test import Client

from organisaties import tweestaps


def ingelogde_client(user) -> Client:
    """A test client logged in as `user` as after both steps (password and the code from
    the app), so two-step verification does not send it to the code page."""
    client = Client()
    client.force_login(user)
    sessie = client.session
    sessie.pop(tweestaps.SESSIE, None)
    sessie.save()
    return client


def doel(wat: str, gemeten: str, gehaald: bool) -> None:
    """One of issue 14's targets and what this run measured: bench/verslag.py gathers these
    lines into the summary at the top of docs/performance.md."""
    print(f"DOEL\t{wat}\t{gemeten}\t{'met' if gehaald else '**missed**'}")
