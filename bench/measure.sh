# Sourced by bench/run and bench/include_cost, which set `runs` and `work`.
# measure COMMAND [ARG ...]: runs the command `runs` times under GNU time and prints
# "median least peak_kb": its median and least CPU seconds (user + sys) and its largest peak resident
# set. Fails, with the command's messages, when a run fails; callers assign its output, so that
# `set -e` stops there.
measure() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
    awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$work/time"
  done | sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.3f %.3f %d\n", t[int((NR + 1) / 2)], t[1], m }'
}
