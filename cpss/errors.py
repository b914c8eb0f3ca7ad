"""The one exception type that pages turn into a message for the user."""


class UserError(Exception):
    """Something the user can fix (bad input, a locked file, a broken data file).

    Its message is written for the user: what is wrong, where, and what to do. Pages show it with
    ``st.error``; anything else is a bug and keeps its traceback.
    """
