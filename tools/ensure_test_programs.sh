#!/bin/sh
# The tests drive programs from Debian's packages: chromium (browser tests), LibreOffice Writer
# (the Word report opens in a real program), nginx (the load-balancer test) and PostgreSQL (the
# storage tests run on a real server too; tests/conftest.py starts its own on a temporary folder
# and a free port, the package's cluster is not used). Install the missing ones in one apt-get when
# this user may (root with apt-get); otherwise say what to install. Never downloads anything but
# Debian packages (no browser build of Playwright's own).
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$missing postgresql"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's$missing for the tests..."
    apt-get update -q >/dev/null
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
    exit 0
fi
echo "The tests need Debian's$missing." >&2
echo "Install with: sudo apt-get install$missing   (then run make test again)" >&2
exit 1
