"""Moving assessments in and out: exports (JSON, Excel, CSV), imports with a preview, and the
offline workshop worksheet. The tables and their columns are specified once in :mod:`.tables`.
"""
