"""The pure domain: the framework, answers, assessments, scoring, priorities, access rules, workshop
and plan rules, countries and errors. Imports no database driver and no pandas at import time."""
