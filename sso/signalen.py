"""A membership of the provider's organisation that ends takes the person's links to that
provider with it: the provider's `sub` must not keep logging in to an account that left
the organisation (and may since belong to someone's work elsewhere). A later login through
the provider then meets the same rules as a first one.

Logging out, by whatever path (the button, the idle timeout, the re-check), ends the
session's row with its refresh token (sso/sessie.py)."""

from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete
from django.dispatch import receiver

from organisaties.models import Lidmaatschap

from . import sessie
from .models import Koppeling


@receiver(post_delete, sender=Lidmaatschap)
def _lidmaatschap_beeindigd(sender, instance, **kwargs):
    Koppeling.objects.filter(
        user_id=instance.user_id, provider__organisatie_id=instance.organisatie_id
    ).delete()


@receiver(user_logged_out)
def _uitgelogd(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessie.beeindigen(request, user)
