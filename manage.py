#!/usr/bin/env python
import os
import sys


def main() -> None:
    # Production settings unless told otherwise: on a server every command runs with DEBUG
    # off (and refuses to start without SECRET_KEY), whether its configuration lives in
    # .env or in the service's environment. Development: `make`, which chooses
    # mvoi.settings.dev, or DEBUG=yes in .env.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
