#!/bin/sh
# Install Debian package $1 for the tests named in $2 when this user may (root with apt-get);
# otherwise say what to install and fail. Used by the tools/ensure_*.sh scripts once they have
# found the program missing. Never downloads anything but the Debian package.
set -eu
package=$1
purpose=$2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's $package for the $purpose..."
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null
    exit 0
fi
echo "The $purpose need Debian's $package." >&2
echo "Install it with: sudo apt-get install $package   (then run make test again)" >&2
exit 1
