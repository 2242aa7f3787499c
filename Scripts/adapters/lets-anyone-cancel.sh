#!/bin/sh
# An example adapter for `billsh fuzz --against` and `billsh test --against` (SPEC §9) that
# breaks one rule on purpose: it lets anyone who is not the billing owner cancel a plan (R14).
#
# It wraps billsh itself: every command line goes to `billsh --json`, and each refusal of a
# `cancel` that cites R14 is turned into a success. Everything else passes through unchanged,
# so fuzzing it finds that one rule, and shrinks the finding to a few lines.
#
#   billsh fuzz --against 'sh Scripts/adapters/lets-anyone-cancel.sh'
#
# BILLSH names the billsh to wrap (default: billsh on the PATH).
# NB: POSIX sh and sed only; one record a line in, one out.
"${BILLSH:-billsh}" --json | sed \
  -e '/^{"file": [^,]*, "line": [0-9]*, "input": "\(as [^ ]* \)\{0,1\}cancel /{' \
  -e '/"rule": "R14"/s/"ok": false, "error": {.*}}$/"ok": true, "output": "", "result": null}/' \
  -e '}'
