"""Shared form plumbing for the NL Design System crispy template pack."""

from crispy_forms.helper import FormHelper


def helper_zonder_overzicht() -> FormHelper:
    """For a form that is one of several on a page: no form tag, and no error summary of
    its own (the page shows one for all, {% foutoverzicht %})."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.form_show_errors = False
    return helper
