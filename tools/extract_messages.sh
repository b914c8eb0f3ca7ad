#!/bin/sh
# Find every message of the interface (Babel's extractor, never by hand) and bring each
# language's catalogue up to date with it: new ids added empty, removed ids marked obsolete.
# The keywords: _("..."), N_("...") for constants, tr("...") in cpss (a cpss.i18n.Text),
# ngettext/plural for counted forms. -k on the command line: older Babel ignored babel.cfg's.
# "--template FILE" writes the extraction to FILE and changes nothing else (tests/test_catalogues.py
# compares the catalogues with it).
# User errors are raised with their message id (cpss.model.errors): the error classes, Phrase,
# Place.error and a framework file's fail(node, place, MESSAGE) are keywords too.
ERRORS="-k Phrase -k error -k fail:3 -k __init__ -k UserError -k FileError -k AccessDenied
 -k TooManyTries -k SettingsError -k AnswerError -k AssessmentError -k WorkshopError -k PlanError
 -k FrameworkError -k AccountError -k BackupError -k StorageError -k InvestmentError -k FrameworkMissing
 -k IncompatibleVersion -k FrameworkNotHere"
set -eu
cd "$(dirname "$0")/.."
BABEL=".venv/bin/pybabel -q"
POT=locales/cpss.pot
if [ "${1:-}" = "--template" ]; then POT="$2"; fi
$BABEL extract -F babel.cfg --no-location --sort-output --omit-header \
    -k _ -k N_ -k tr -k ngettext:1,2 -k plural:1,2 $ERRORS -o "$POT" .
if [ "$POT" != locales/cpss.pot ]; then exit 0; fi
# Every language of cpss.i18n.LANGUAGES but English: a new code there gets its catalogue here.
LANGS=$(.venv/bin/python -c "from cpss.i18n import LANGUAGES as L, SOURCE_LANGUAGE as S; print(*(c for c in L if c != S))")
for lang in $LANGS; do
    po="locales/$lang/LC_MESSAGES/cpss.po"
    if [ -f "$po" ]; then
        $BABEL update -i locales/cpss.pot -d locales -D cpss -l "$lang" --no-wrap --ignore-obsolete
    else
        $BABEL init -i locales/cpss.pot -d locales -D cpss -l "$lang" --no-wrap
    fi
done
echo "Catalogues updated from $(grep -c '^msgid ' locales/cpss.pot) messages: locales/*/LC_MESSAGES/cpss.po"
