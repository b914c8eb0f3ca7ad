#!/bin/sh
# The storage tests run on a real PostgreSQL server too (tests/conftest.py starts one on a temporary
# folder and a free port, through pytest-postgresql and tools/pg_ctl.sh). Install Debian's
# postgresql when its pg_ctl is missing and this user may (root with apt-get); otherwise say what to
# install. The package's own cluster service is not needed by the tests.
set -eu
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's postgresql for the storage tests..."
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    exit 0
fi
echo "The storage tests need PostgreSQL 15 or newer (Debian's postgresql package, pg_ctl)." >&2
echo "Install it with: sudo apt-get install postgresql   (then run make test again)" >&2
exit 1
