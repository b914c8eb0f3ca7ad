#!/bin/sh
# The Word report tests convert .docx files to PDF with LibreOffice (Debian's
# libreoffice-writer-nogui) to check how the tables break their lines. Install it when it is
# missing and this user may (root with apt-get); otherwise say what to install.
set -eu
command -v soffice >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's LibreOffice Writer (no GUI) for the Word report tests..."
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q libreoffice-writer-nogui >/dev/null
    exit 0
fi
echo "The Word report tests need LibreOffice's soffice (Debian: libreoffice-writer-nogui)." >&2
echo "Install it with: sudo apt-get install libreoffice-writer-nogui   (then run make test again)" >&2
exit 1
