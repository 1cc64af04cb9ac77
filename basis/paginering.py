"""Long lists a page at a time (templates/includes/paginering.html shows the links)."""

from django.core.paginator import Paginator

PER_PAGINA = 50  # rows a page: the calendar, the quarterly meeting, the evaluations


def pagineren(request, rijen, parameter: str = "pagina"):
    """The page of `rijen` asked for (?pagina=, or another `parameter` when a page has two
    lists), PER_PAGINA a page, with `paginanummers`: 1 … 4 5 [6] 7 8 … 60 (at 3,000
    tenders every number would be 60 links), for templates/includes/paginering.html."""
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get(parameter))
    pagina.paginanummers = pagina.paginator.get_elided_page_range(
        pagina.number, on_each_side=2, on_ends=1
    )
    pagina.parameter = parameter
    return pagina


def query_zonder(request, parameter: str) -> str:
    """The page's query string without one parameter (a list's own page number)."""
    query = request.GET.copy()
    query.pop(parameter, None)
    return query.urlencode()
