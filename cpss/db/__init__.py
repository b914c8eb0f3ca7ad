"""Storage: the only package that opens a connection or runs SQL. One facade (:class:`core.Db`),
schema migrations, and one module of plain functions per area."""
