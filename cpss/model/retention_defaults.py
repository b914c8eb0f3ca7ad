"""The retention periods in force until an administrator changes them (issue 22: protective
defaults). One module for the privacy page, the join notice and the retention rules
(``cpss.db.retention``), so that what the app says and what it does cannot differ."""

DEFAULT_NAME_DAYS = 90  # workshop participants' names, counted from the day a workshop ends
DEFAULT_ACCESS_LOG_DAYS = 365  # the access log (who opened, exported or downloaded what)
