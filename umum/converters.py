"""Path converters for ids and years with a bounded number of digits.

Django's ``int`` converter matches any number of digits, so ``/sop/siklus/99999999999999999999/``
reached the view and the database driver raised OverflowError (a 500). ``id`` accepts at most
18 digits, which always fit the 64-bit signed integer of every database's primary keys, so a
larger number is simply a URL that does not exist (404). ``tahun`` is a four-digit year.
They are registered once, in the root URL conf (sakip/urls.py), before the apps' URLs load.
"""


class IdConverter:
    """A database id: 1 to 18 digits (the largest 64-bit key has 19)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class TahunConverter(IdConverter):
    """A calendar year of four digits."""

    regex = "[0-9]{4}"
