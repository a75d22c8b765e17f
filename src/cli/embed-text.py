#!/usr/bin/env python3
# redline - negotiation-position modelling
# SPDX-License-Identifier: GPL-3.0-or-later
"""embed-text.py INPUT OUTPUT NAME: writes OUTPUT, a C header defining
`static const char NAME[]` with INPUT's bytes (the build's way to keep a
text asset, such as init's starter scenario, in a file of its own)."""
import sys

src, dst, name = sys.argv[1:4]
data = open(src, "rb").read()
lines = ["/* Generated from %s by embed-text.py: do not edit. */" % src.split("/")[-1],
         "static const char %s[] =" % name]
for line in data.split(b"\n"):
    chunk = line + b"\n"
    esc = "".join(c if 32 <= ord(c) < 127 and c not in '"\\?' else "\\%03o" % ord(c)
                  for c in chunk.decode("latin-1"))
    lines.append('  "%s"' % esc)
if data.endswith(b"\n"):
    lines.pop()  # the split left an empty last piece
lines[-1] += ";"
open(dst, "w").write("\n".join(lines) + "\n")
