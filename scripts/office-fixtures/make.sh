#!/bin/sh
# Makes the office fixtures (tests/fixtures/office/article.odt and article.docx) from
# article.fodt (flat OpenDocument, written by hand: title, subtitle, bold inside a sentence, a
# footnote, a heading, a bullet list, a table, a link, a newsletter line) with LibreOffice
# headless, as a correspondent's Writer would save them. Needs Debian's libreoffice-writer-nogui.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../tests/fixtures/office"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
mkdir -p "$out"
for fmt in odt docx; do
  HOME="$profile" soffice --headless "-env:UserInstallation=file://$profile" --convert-to "$fmt" --outdir "$out" "$here/article.fodt"
done
