"""The one exception type that pages turn into a message for the user, and the shared text checks."""

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cpss.i18n import Text

# Control characters that neither Excel workbooks nor Word documents can hold (XML 1.0 forbids
# them); tab, line feed and carriage return are fine. They come with pasted text or an import.
# Lone surrogates (half of a UTF-16 pair, e.g. "\ud800" in a JSON file) are no text at all: the
# database cannot store them, nor can any file hold them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


class Phrase:
    """Words that are translated where they are shown: an English message id and named values.

    A piece that a message names (a field, the cause of a failure) is a Phrase passed as a value,
    never glued into the sentence: :meth:`translated` translates the values that are Phrases (or
    user errors) first, then the sentence, so each language orders the words its own way.
    """

    def __init__(self, message: str = "", /, **values: object):
        self.message = message
        self.values = values

    def __str__(self) -> str:
        return self.message.format(**self.values) if self.values else self.message

    def __bool__(self) -> bool:
        return bool(self.message)

    def translated(self, tr: "Text") -> str:
        """The words in ``tr``'s language (English where its catalogue lacks them)."""
        return translate(self.message, self.values, tr)


def translate(message: str, values: dict[str, object], tr: "Text") -> str:
    """``message`` in ``tr``'s language, its values that can be translated translated first."""
    return tr(message, **{k: _in(v, tr) for k, v in values.items()})


def _in(value: object, tr: "Text") -> object:
    """A value as shown in ``tr``'s language: translated when it can be, else as it is."""
    return value.translated(tr) if isinstance(value, (Phrase, UserError)) else value


class UserError(Exception):
    """Something the user can fix (bad input, a locked file, a broken data file).

    Its message is written for the user: what is wrong, where, and what to do. Pages show it with
    ``st.error``; anything else is a bug and keeps its traceback.

    In the room's language: raise it with an English message id and named values,
    ``UserError("The {field} is too long: {length} characters.", field=..., length=...)``;
    ``str()`` is the English text (logs, the command line), :meth:`translated` the page's. A value
    that is itself words (a field's name, a cause) is a :class:`Phrase`, translated with it.
    """

    def __init__(self, message: str = "", /, **values: object):
        self.message = message
        self.values = values
        super().__init__(message.format(**values) if values else message)

    def translated(self, tr: "Text") -> str:
        """The message in ``tr``'s language (English when its catalogue lacks it)."""
        return translate(self.message, self.values, tr)

    @property
    def public(self) -> str:
        """The message for anyone, signed in or not. Problems of the server's set-up (the database
        or framework file) say less here: their paths and process ids are for the administrator
        (the command line, the server's log)."""
        return str(self)

    def public_translated(self, tr: "Text") -> str:
        """:attr:`public` in ``tr``'s language."""
        return self.translated(tr)


# How a plain line for visitors ends (see UserError.public).
LOG_HINT = "the administrator has the details in the server's log."


def check_text_limits(record: object, limits: dict[str, int], error: type[UserError]) -> None:
    """Raise ``error`` naming the first text field of ``record`` longer than its limit (or
    holding a control character). The field's name is translated with the message: mark the keys
    of ``limits`` with ``N_``."""
    for field, limit in limits.items():
        length = len(getattr(record, field))
        if length > limit:
            raise error(
                "The {field} is too long: {length} characters, at most {limit}.",
                field=Phrase(field),
                length=length,
                limit=limit,
            )
        problem = control_character(getattr(record, field))
        if problem:
            raise error("The {field} {problem}", field=Phrase(field), problem=problem)


def visible_controls(text: str) -> str:
    """``text`` with each control character that files cannot hold shown as "\ufffd" (the
    replacement character), for writing text stored before such characters were refused."""
    return _CONTROL.sub("\ufffd", text)


def control_character(text: str) -> Phrase | None:
    """What is wrong when ``text`` holds a control character that files cannot hold, else None.

    The words complete a sentence that names the field: "The title holds ...".
    """
    found = _CONTROL.search(text)
    if found is None:
        return None
    if "\ud800" <= found.group() <= "\udfff":
        return Phrase(
            "holds a broken character (U+{code}, half of a character pair) at character "
            "{position}, which is not text and cannot be stored: remove it, or write the "
            "character again in full.",
            code=f"{ord(found.group()):04X}",
            position=found.start() + 1,
        )
    return Phrase(
        "holds an invisible control character (U+{code}) at character {position}, which "
        "reports and spreadsheets cannot hold: remove it (it often comes with pasted text).",
        code=f"{ord(found.group()):04X}",
        position=found.start() + 1,
    )
