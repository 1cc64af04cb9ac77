from organisaties.models import User

from .models import Soort, Uitgezet


def aan_voor(*, user: User) -> set[str]:
    """The kinds the person gets by e-mail. One query."""
    uit = set(Uitgezet.objects.filter(user=user).values_list("soort", flat=True))
    return {s for s in Soort.values if s not in uit}
