# bash completion for redline                              -*- shell-script -*-
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Commands, each command's options (read from `redline COMMAND --help`, so
# they never go stale), the values of --format, --rank and --goal, and ids
# read from the scenario on the command line: parties for --party and
# --without, PARTY/RULE for --relax, ISSUE= for --fix and --exclude.

# The ids of a scenario file, by a plain reading of its block-style YAML:
# keys indented two spaces under `issues:` or `parties:`, and `- id:` under
# a party's `red_lines:`. $1: the file; $2: issues, parties or red_lines.
_redline_ids()
{
    [[ -r $1 ]] || return
    awk -v want="$2" '
        /^[A-Za-z_]+:/ { top = $1; sub(":.*", "", top); next }
        top == "issues" && want == "issues" && /^  [A-Za-z][A-Za-z0-9_]*:/ {
            k = $1; sub(":.*", "", k); print k }
        top == "parties" && /^  [A-Za-z][A-Za-z0-9_]*:/ {
            party = $1; sub(":.*", "", party); inred = 0
            if (want == "parties") print party }
        top == "parties" && /^    [a-z_]+:/ { inred = ($1 == "red_lines:") }
        top == "parties" && inred && want == "red_lines" && /^ *- *id: */ {
            id = $0; sub("^ *- *id: *", "", id); sub(" .*", "", id); gsub("[\"'\'']", "", id)
            print party "/" id }
    ' "$1" 2>/dev/null
}

_redline()
{
    local cur prev words cword
    _init_completion -n = || return

    local commands="check solve evaluate report brief debrief init explain compare simulate sensitivity stability serve import export schema help"
    if ((cword == 1)); then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local cmd=${words[1]} file="" w
    for w in "${words[@]:2}"; do
        [[ $w == *.yaml || $w == *.yml ]] && [[ -f $w ]] && { file=$w; break; }
    done

    case $prev in
        --format)
            COMPREPLY=($(compgen -W "text json csv markdown html" -- "$cur")); return ;;
        --rank)
            local p ranks="welfare nash kalai min_gain durability"
            for p in $(_redline_ids "$file" parties); do ranks+=" utility:$p"; done
            COMPREPLY=($(compgen -W "$ranks" -- "$cur")); return ;;
        --goal)
            COMPREPLY=($(compgen -W "nash acceptable" -- "$cur")); return ;;
        --party | -p | --without)
            COMPREPLY=($(compgen -W "$(_redline_ids "$file" parties)" -- "$cur")); return ;;
        --relax)
            local rl="$(_redline_ids "$file" red_lines)" p
            for p in $(_redline_ids "$file" parties); do rl+=" $p/*"; done
            COMPREPLY=($(compgen -W "$rl" -- "$cur")); return ;;
        --fix | --exclude)
            local i ids=""
            for i in $(_redline_ids "$file" issues); do ids+=" $i="; done
            compopt -o nospace
            COMPREPLY=($(compgen -W "$ids" -- "$cur")); return ;;
        --output | -o | --transcript | --deals | -d)
            [[ $prev == -d && $cmd == evaluate ]] && return
            _filedir; return ;;
        --top | --threads | --timeout | --max | --max-packages | --rounds | --horizon | --noise | \
        --runs | --seed | --order | --strategy | --protocol | --axes | --set | --require | --deal | \
        --samples | --concentration | --value-noise | --batna-noise | --step-batna | --step-weight | \
        --step-value | --packages)
            return ;;
    esac

    if [[ $cur == -* ]]; then
        local opts
        opts=$("${words[0]}" "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $cmd in
        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
        import)
            if ((cword == 2)); then COMPREPLY=($(compgen -W "genius" -- "$cur")); else _filedir xml; fi ;;
        export)
            if ((cword == 2)); then COMPREPLY=($(compgen -W "genius minizinc" -- "$cur")); else _filedir '@(yaml|yml)'; fi ;;
        schema) ;;
        *) _filedir '@(yaml|yml)' ;;
    esac
}
complete -F _redline redline
