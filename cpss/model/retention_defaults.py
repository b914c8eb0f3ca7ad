"""The protective defaults of the retention rules, in force until an administrator changes them.

One constant module, read by the retention rules (:mod:`cpss.model.retention`) and by the Data and
privacy page, so that both say the same numbers.
"""

DEFAULT_NAME_DAYS = 90  # workshop participants' names, counted from the workshop's end
DEFAULT_ACCESS_LOG_DAYS = 365  # the access log's entries
