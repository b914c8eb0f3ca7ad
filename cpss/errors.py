"""The one exception type that pages turn into a message for the user."""


class UserError(Exception):
    """Something the user can fix (bad input, a locked file, a broken data file).

    Its message is written for the user: what is wrong, where, and what to do. Pages show it with
    ``st.error``; anything else is a bug and keeps its traceback.
    """


def check_text_limits(record: object, limits: dict[str, int], error: type[UserError]) -> None:
    """Raise ``error`` naming the first text field of ``record`` longer than its limit."""
    for field, limit in limits.items():
        length = len(getattr(record, field))
        if length > limit:
            raise error(f"The {field} is too long: {length} characters, at most {limit}.")
