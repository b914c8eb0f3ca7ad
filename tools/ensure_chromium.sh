#!/bin/sh
# The browser tests drive Debian's chromium (/usr/bin/chromium). Install it when it is missing and
# this user may (root with apt-get); otherwise say what to install. Never downloads a browser build.
set -eu
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
    exit 0
fi
echo "The browser tests need Debian's chromium at /usr/bin/chromium." >&2
echo "Install it with: sudo apt-get install chromium   (then run make test again)" >&2
exit 1
