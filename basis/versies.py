"""Nothing silently overwritten: one edit-conflict guard for every edit form.

- A model that people edit mixes in `Versiebeheerd`: its `versie` counts its saves. The
  count is taken from the stored row under a row lock at every save, so concurrent saves
  never lose a count, whatever path they come in by (form, import, admin, demo).
- A form carries the version of what it shows as a hidden `versie` field: the token
  `versie_van(rijen)` (one record, or the rows of a page that edits several).
- The service that saves calls `versie_controleren(rijen, verwacht)` first, inside its
  transaction: it locks the stored rows and raises `Bewerkingsconflict` when someone saved
  them after the form was loaded. The view then shows, per field, what is stored now and
  what the user typed, keeps the input, and gives the form the new version, so saving
  again is a deliberate choice to overwrite.

Why not django-concurrency: it raises on save, deep in the model, without the stored
values a person needs to decide, and it patches the model's update; a page that edits six
rows at once (the themes) or replaces a set (the goals) needs a version of the set anyway.
This is 100 lines we can read.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l


class Versiebeheerd(models.Model):
    versie = models.PositiveIntegerField(_l("versie"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # In its own transaction when called outside one (a shell, a command): the lock
        # below needs one, and the count must not be lost on SQLite either.
        with transaction.atomic(using=kwargs.get("using") or self._state.db, savepoint=False):
            opgeslagen = None
            if self.pk is not None and not kwargs.get("force_insert"):
                # The stored count, locked until the transaction ends: a concurrent save
                # waits and then counts on from ours.
                opgeslagen = (
                    type(self)
                    ._default_manager.order_by()  # no join from a default ordering
                    .select_for_update()
                    .filter(pk=self.pk)
                    .values_list("versie", flat=True)
                    .first()
                )
            self.versie = (opgeslagen or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "versie"}
            super().save(*args, **kwargs)


GEEN_RIJEN = "-"


def versie_van(rijen: Iterable[Versiebeheerd]) -> str:
    """The version of what a form shows: "pk:versie" per stored row, sorted; "-" when
    nothing is stored yet. Rows not stored yet are left out, so a row someone else stores
    meanwhile changes the token."""
    delen = sorted(f"{rij.pk}:{rij.versie}" for rij in rijen if rij.pk is not None)
    return ",".join(delen) or GEEN_RIJEN


@dataclass(frozen=True)
class Verschil:
    """One field where what is stored now differs from what the user typed."""

    onderwerp: str  # e.g. the theme, for a page with a row per theme; "" for one record
    veld: str
    opgeslagen: str
    uw_invoer: str


class Bewerkingsconflict(Exception):
    """Someone saved after the form was loaded. Carries the stored version's token."""

    def __init__(self, *, versie: str):
        super().__init__(_("Iemand anders heeft dit intussen opgeslagen."))
        self.versie = versie
        self.verschillen: list[Verschil] = []


def versie_controleren(
    *, rijen: models.QuerySet, verwacht: str | None, ouder: models.Model | None = None
) -> None:
    """Lock the stored rows a form showed and compare their version with the one the form
    was loaded with (`verwacht`; None: lock only, no check, e.g. an import). Raises
    Bewerkingsconflict. Call inside the transaction that saves.

    `ouder`: for a page that creates a record or replaces a set (a first meeting note, the
    goals), lock the record they belong to first, so two first saves take turns instead of
    both finding nothing to lock."""
    if ouder is not None:
        type(ouder)._default_manager.order_by().select_for_update().filter(pk=ouder.pk).first()
    # Without the default ordering: its join (e.g. to a nullable theme) cannot be locked.
    vergrendeld = list(rijen.order_by().select_for_update(of=("self",)).only("pk", "versie"))
    if verwacht is None:
        return
    huidig = versie_van(vergrendeld)
    if huidig != verwacht:
        raise Bewerkingsconflict(versie=huidig)


class VersieField(forms.CharField):
    """The hidden field that carries the version a form was loaded with. Required: a post
    without it (a page from before an update, a crafted post) is refused, not let through
    unchecked."""

    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.HiddenInput,
            strip=False,
            error_messages={
                "required": _l(
                    "Dit formulier is verlopen. Laad de pagina opnieuw; wat u invulde, staat "
                    "hieronder nog."
                )
            },
            **kwargs,
        )


class VersieFormMixin:
    """Gives a form the hidden `versie` field: the version passed in, or for a ModelForm
    its instance's ("-" for one not stored yet, so two first saves still conflict). A
    plain form used to create something (no version passed) gets no field. The view hands
    `cleaned_data["versie"]` to the service."""

    def __init__(self, *args, versie: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if versie is None and isinstance(self, forms.BaseModelForm):
            versie = versie_van([self.instance])
        if versie is not None:
            self.fields["versie"] = VersieField(initial=versie)


class VersieForm(forms.Form):
    """The version of a page that edits several records at once (a row per theme, a set of
    goals), rendered once inside the page's form."""

    versie = VersieField()

    def __init__(self, *args, versie: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].initial = versie


def nieuwe_versie_geven(conflict: Bewerkingsconflict, *formulieren: forms.BaseForm) -> None:
    """After a conflict the form carries the stored version: saving again is a deliberate
    choice to replace what is stored. What the user typed stays."""
    for form in formulieren:
        form.data = form.data.copy()
        form.data[form.add_prefix("versie")] = conflict.versie


def conflict_uitleggen(
    conflict: Bewerkingsconflict,
    form: forms.BaseForm,
    opgeslagen: models.Model,
    *,
    onderwerp: str = "",
    versieform: forms.BaseForm | None = None,
) -> Bewerkingsconflict:
    """Fill in what differs between the stored record and the user's input in `form`, and
    give the form (or the page's `versieform`) the stored version."""
    conflict.verschillen += verschillen(
        form, opgeslagen_waarden(opgeslagen, form.fields), onderwerp=onderwerp
    )
    nieuwe_versie_geven(conflict, versieform or form)
    return conflict


def opgeslagen_waarden(instance: models.Model, namen: Iterable[str]) -> dict:
    """The stored values of the named fields, as `verschillen` compares them."""
    waarden = {}
    for naam in namen:
        if not hasattr(instance, naam):
            continue
        waarde = getattr(instance, naam)
        waarden[naam] = list(waarde.all()) if isinstance(waarde, models.Manager) else waarde
    return waarden


def verschillen(form: forms.BaseForm, opgeslagen: dict, *, onderwerp: str = "") -> list[Verschil]:
    """Per field of `form`: the stored value (from `opgeslagen`, field name → value as
    the model holds it) where it differs from what the user typed."""
    uitkomst = []
    for naam, veld in form.fields.items():
        if naam == "versie" or naam not in opgeslagen or isinstance(veld.widget, forms.HiddenInput):
            continue
        waarde = opgeslagen[naam]
        if isinstance(waarde, models.Model):
            initieel = waarde.pk
        elif isinstance(waarde, list):
            initieel = [getattr(item, "pk", item) for item in waarde]
        else:
            initieel = waarde
        ruw = form[naam].data
        if not veld.has_changed(initieel, ruw):
            continue
        getypt = form.cleaned_data.get(naam, ruw) if hasattr(form, "cleaned_data") else ruw
        uitkomst.append(
            Verschil(
                onderwerp=onderwerp,
                veld=str(veld.label or naam),
                opgeslagen=_weergave(veld, waarde),
                uw_invoer=_weergave(veld, getypt),
            )
        )
    return uitkomst


def _weergave(veld: forms.Field, waarde) -> str:
    if isinstance(veld, forms.ModelMultipleChoiceField):
        items = list(waarde or [])
        objecten = [i for i in items if isinstance(i, models.Model)]
        objecten += list(veld.queryset.filter(pk__in=[i for i in items if i not in objecten]))
        return ", ".join(veld.label_from_instance(o) for o in objecten) or "–"
    if isinstance(veld, forms.BooleanField):
        return _("ja") if waarde else _("nee")
    if isinstance(veld, forms.ModelChoiceField) and waarde not in (None, ""):
        if not isinstance(waarde, models.Model):
            waarde = veld.queryset.filter(pk=waarde).first()
        return veld.label_from_instance(waarde) if waarde is not None else "–"
    if waarde in (None, ""):
        return "–"
    return str(waarde)
