"""The application's URLs plus a bare view, for bench/doorvoer.py only."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from mvoi.urls import urlpatterns as applicatie


@login_not_required
def kaal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("kaal/", kaal), *applicatie]
