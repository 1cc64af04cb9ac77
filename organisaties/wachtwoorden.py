"""Password validation in Dutch.

Django 5.2 changed the message of MinimumLengthValidator (`%d` instead of
`%(min_length)d`), and its Dutch translation still has the old text, so the message came
out in English on a Dutch page. This subclass only says it in Dutch; the rule is Django's.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik ten minste %(aantal)d teken.",
            "Dit wachtwoord is te kort: gebruik ten minste %(aantal)d tekens.",
            self.min_length,
        ) % {"aantal": self.min_length}
