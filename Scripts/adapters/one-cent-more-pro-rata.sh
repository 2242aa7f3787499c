#!/bin/sh
# An example adapter for `billsh fuzz --against` and `billsh test --against` (SPEC §9) that
# breaks one rule on purpose: a pro rata charge for a change that raises the price costs one
# cent more than P3's formula says (a rounding done twice, say).
#
# It wraps billsh itself: every command line goes to `billsh --json`, and the invoice of each
# `edit` (or `downgrade`) that charges at once gets one cent more. Everything else passes
# through unchanged.
#
#   billsh fuzz --against 'sh Scripts/adapters/one-cent-more-pro-rata.sh'
#
# BILLSH names the billsh to wrap (default: billsh on the PATH).
# NB: POSIX sh and awk only; one record a line in, one out.
"${BILLSH:-billsh}" --json | awk '
/^\{"file": [^,]*, "line": [0-9]*, "input": "(as [^ ]* )?(edit|downgrade) / && /"invoice": \{"id"/ {
  if (match($0, /"amount_cents": [0-9]+/)) {
    cents = substr($0, RSTART + 16, RLENGTH - 16) + 1
    $0 = substr($0, 1, RSTART - 1) "\"amount_cents\": " cents substr($0, RSTART + RLENGTH)
  }
}
{ print }'
