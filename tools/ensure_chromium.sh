#!/bin/sh
# The browser tests drive Debian's chromium (/usr/bin/chromium). Install it when it is missing and
# this user may (root with apt-get); otherwise say what to install. Never downloads a browser build.
set -eu
[ -x /usr/bin/chromium ] && exit 0
exec sh "$(dirname "$0")/apt_install.sh" chromium "browser tests (/usr/bin/chromium)"
