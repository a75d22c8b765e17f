# fish completion for redline: commands, each command's options (read from
# `redline COMMAND --help`), and the values of --format, --rank and --goal.
# SPDX-License-Identifier: GPL-3.0-or-later

set -l commands check solve evaluate report brief debrief init explain compare simulate sensitivity stability serve import export schema help

complete -c redline -f
complete -c redline -n "not __fish_seen_subcommand_from $commands" -a "$commands"
complete -c redline -n "not __fish_seen_subcommand_from $commands" -l help -d 'Show the help'
complete -c redline -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show the version'

function __redline_options
    set -l cmd (commandline -opc)[2]
    redline $cmd --help 2>/dev/null | string match -r -g -- '--([a-z][a-z-]*)' | sort -u | string replace -r '^' -- '--'
end

complete -c redline -n "__fish_seen_subcommand_from $commands" -a '(__redline_options)'
complete -c redline -n "__fish_seen_subcommand_from check solve evaluate report brief debrief explain compare simulate sensitivity stability serve export" -F
complete -c redline -n "__fish_seen_subcommand_from import" -a genius
complete -c redline -n "__fish_seen_subcommand_from export" -a 'genius minizinc'
complete -c redline -n "__fish_seen_subcommand_from import" -F
complete -c redline -l format -x -a 'text json csv markdown html'
complete -c redline -l rank -x -a 'welfare nash kalai min_gain durability'
complete -c redline -l goal -x -a 'nash acceptable'
complete -c redline -n "__fish_seen_subcommand_from help" -a "$commands"
