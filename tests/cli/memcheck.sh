#!/bin/sh
# redline - negotiation-position modelling
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The command-line tests with every redline command under valgrind
# memcheck (REDLINE_WRAP, read by run-cli-tests.py). Meant for
#   meson test -C build --suite memcheck --wrap='valgrind ...'
# where meson's wrapper runs this shell under valgrind (not Python: a
# script is not wrapped) and this script puts valgrind before each
# redline command instead. Run without a valgrind wrapper and without
# REDLINE_WRAP (a plain `meson test`), it skips (77): the suite takes
# minutes under valgrind.
#
# Usage: memcheck.sh BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]
set -eu
here=$(dirname "$0")
case "${LD_PRELOAD:-}" in
  *vgpreload*)
    # Under meson's valgrind wrapper: Python itself runs without it.
    unset LD_PRELOAD
    # Only definite leaks are shown: the engine's shared thread pool lives
    # until exit, and valgrind calls its threads' TLS "possibly lost",
    # which would fill stderr, that the tests compare.
    : "${REDLINE_WRAP:=valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite}"
    ;;
esac
if [ -z "${REDLINE_WRAP:-}" ]; then
  echo "memcheck.sh: skipped; run under meson test --wrap=valgrind, or set REDLINE_WRAP" >&2
  exit 77
fi
export REDLINE_WRAP
exec python3 "$here/run-cli-tests.py" "$@"
