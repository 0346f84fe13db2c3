"""``python -m netforensics`` is the same as the ``netforensics`` command."""

from netforensics.cli import main

main()
