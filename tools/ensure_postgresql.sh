#!/bin/sh
# The storage tests run on a real PostgreSQL server too (tests/conftest.py starts one on a temporary
# folder and a free port, through pytest-postgresql and tools/pg_ctl.sh). Install Debian's
# postgresql (15 or newer) when its pg_ctl is missing; the package's own cluster is not used.
set -eu
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && exit 0
exec sh "$(dirname "$0")/apt_install.sh" postgresql "storage tests (PostgreSQL, pg_ctl)"
