#!/bin/sh
# The nginx test (tests/test_nginx_browser.py) starts Debian's nginx in front of two app servers,
# from deploy/nginx.conf. Install nginx when it is missing and this user may (root with apt-get);
# otherwise say what to install. The test starts its own nginx on free ports: the system service
# that the package may start is not used.
set -eu
command -v nginx >/dev/null 2>&1 && exit 0
[ -x /usr/sbin/nginx ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nginx for the load-balancer test..."
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null
    exit 0
fi
echo "The load-balancer test needs Debian's nginx (/usr/sbin/nginx)." >&2
echo "Install it with: sudo apt-get install nginx   (then run make test again)" >&2
exit 1
