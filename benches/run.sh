#!/usr/bin/env bash
# The speed benchmark: buyin against Hugo on generated sites of 1,000 and 10,000 courses
# (and 50,000 when asked), with copying buyin's finished output as the physical floor.
# Installs nothing: Hugo and GNU time are used when present. See docs/PERFORMANCE.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: benches/run.sh [options]

  --with-50k        also run 50,000 courses (or BUYIN_BENCH_50K=1)
  --sizes "N ..."   course counts to run (default "1000 10000")
  --runs N          timed runs per tool and size after one warm-up run
                    (default 5, or BUYIN_BENCH_RUNS; 50,000 courses: BUYIN_BENCH_RUNS_50K,
                    default 1, without a warm-up run)
  --only TOOLS      run only these, e.g. "buyin" or "buyin copy" (default "buyin rebuild
                    edit check hugo copy serve catalog")
  --seed S          corpus seed (default 1, or BUYIN_BENCH_SEED)
  --dir DIR         work folder (default a new folder in /dev/shm when it has room, else
                    in $TMPDIR; or BUYIN_BENCH_DIR)
  --keep            keep the generated sites and outputs afterwards
  -h, --help        this text

environment: BUYIN_BENCH_BIN=PATH times that buyin binary instead of building this
checkout's (for example an older commit built elsewhere).

Tools: buyin = `buyin build --no-cache` into a new folder (everything read and made; the
cache is written for next time); rebuild = `buyin build` over its previous output with
nothing changed (the cache is used); edit = `buyin build` over its previous output after
one endorsement's quote changed; check = `buyin check` with the cache, and `buyin check
--no-cache`; hugo = `hugo` on the equivalent Hugo site into a new folder; copy = `cp -r` of
buyin's finished output; serve = time from saving one endorsement to `buyin serve`
serving the updated course page; catalog = the catalog's first load in bytes (page,
stylesheet, script) and, when Node.js, Chromium and the browser checks' packages are
present (`npm ci --prefix tests/browser`), the time a real browser takes to answer a
search over every course.
EOF
}

runs=${BUYIN_BENCH_RUNS:-5}
runs_50k=${BUYIN_BENCH_RUNS_50K:-1}
sizes="1000 10000"
with_50k=${BUYIN_BENCH_50K:-0}
seed=${BUYIN_BENCH_SEED:-1}
work=${BUYIN_BENCH_DIR:-}
keep=0
only="buyin rebuild edit check hugo copy serve catalog"

while [ $# -gt 0 ]; do
    case "$1" in
        --with-50k) with_50k=1 ;;
        --sizes) sizes=$2; shift ;;
        --runs) runs=$2; shift ;;
        --only) only=$2; shift ;;
        --seed) seed=$2; shift ;;
        --dir) work=$2; shift ;;
        --keep) keep=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
if [ "$with_50k" = 1 ] && [[ " $sizes " != *" 50000 "* ]]; then
    sizes="$sizes 50000"
fi
wants() { [[ " $only " == *" $1 "* ]]; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

# --- What is available -------------------------------------------------------------------

gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    gnu_time=/usr/bin/time
else
    echo "note: GNU time (/usr/bin/time) is missing, so peak memory is not measured;"
    echo "      install it with: sudo apt-get install time"
fi
have_hugo=0
if wants hugo; then
    if command -v hugo >/dev/null 2>&1; then
        have_hugo=1
    else
        echo "note: hugo is missing, so Hugo is skipped and no buyin/Hugo ratio is printed;"
        echo "      install it with: sudo apt-get install hugo   (Debian 12 ships Hugo 0.111)"
    fi
fi
have_curl=0
if wants serve; then
    if command -v curl >/dev/null 2>&1; then
        have_curl=1
    else
        echo "note: curl is missing, so the serve measurement is skipped"
    fi
fi

# --- Build ------------------------------------------------------------------------------

if [ -n "${BUYIN_BENCH_BIN:-}" ]; then
    echo "building the corpus generator (release); timing $BUYIN_BENCH_BIN..."
    cargo build --release --quiet --example corpus
    buyin=$(cd "$(dirname "$BUYIN_BENCH_BIN")" && pwd)/$(basename "$BUYIN_BENCH_BIN")
else
    echo "building buyin and the corpus generator (release)..."
    cargo build --release --quiet --bin buyin --example corpus
    buyin="$repo/target/release/buyin"
fi
corpus="$repo/target/release/examples/corpus"
# An older buyin (BUYIN_BENCH_BIN) may have no build cache: then every build is full.
no_cache=(--no-cache)
if ! "$buyin" build --help 2>/dev/null | grep -q -- --no-cache; then
    no_cache=()
    echo "note: $buyin has no build cache; rebuild, edit and check read everything"
fi
# The generated dates (endorsements in 2026, sessions in 2027) are checked as of this day,
# so that the same site builds the same way whenever the benchmark runs.
today=2026-12-01

if [ -z "$work" ]; then
    # In memory when there is room: disk writes on a shared VM vary by a factor of ten
    # from run to run, which drowns the differences being measured.
    need=4
    if [[ " $sizes " == *" 50000 "* ]]; then need=12; fi
    free_gib=$(df -P -BG /dev/shm 2>/dev/null | awk 'NR == 2 { sub("G", "", $4); print $4 }')
    if [ "$(df -P /dev/shm 2>/dev/null | awk 'NR == 2 { print $1 }')" = tmpfs ] &&
        [ "${free_gib:-0}" -ge "$need" ]; then
        work=$(mktemp -d -p /dev/shm buyin-bench.XXXXXX)
    else
        work=$(mktemp -d -t buyin-bench.XXXXXX)
    fi
else
    mkdir -p "$work"
fi
serve_pid=""
cleanup() {
    local status=$?
    if [ -n "$serve_pid" ]; then
        kill "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    if [ "$keep" = 1 ] || [ "$status" != 0 ]; then
        echo "kept the sites and outputs in $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# --- The machine ------------------------------------------------------------------------

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src 2>/dev/null)" ]; then
    commit="$commit (with uncommitted changes in src/)"
fi
if [ -n "${BUYIN_BENCH_BIN:-}" ]; then
    commit="$buyin"
fi
echo
echo "machine:  $(nproc) cores, $cpu, $mem memory, Linux $(uname -r)"
echo "disk:     $(df -PT "$work" | awk 'NR == 2 { print $2 " (" $1 ")" }') for $work"
echo "buyin:    $commit, $(rustc --version)"
if [ "$have_hugo" = 1 ]; then
    echo "hugo:     $(hugo version | awk '{ print $1, $2 }')"
fi
echo "runs:     $runs timed runs per tool and size after one warm-up run ($runs_50k without warm-up at 50,000); warm page cache"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start"
if awk '{ exit !($1 > 0.5) }' /proc/loadavg; then
    echo "note: other processes are using the CPU; the figures will be noisy"
fi
echo

# --- Measuring --------------------------------------------------------------------------

# run_timed RESULT_FILE DIR_FOR_LOGS COMMAND...: runs COMMAND, appends "seconds peak_kib".
run_timed() {
    local result=$1 logs=$2
    shift 2
    local start end rss status=0
    start=$EPOCHREALTIME
    if [ -n "$gnu_time" ]; then
        "$gnu_time" -v -o "$logs/time.txt" "$@" >"$logs/command.log" 2>&1 || status=$?
    else
        "$@" >"$logs/command.log" 2>&1 || status=$?
    fi
    end=$EPOCHREALTIME
    # Flush what the command wrote before the next one starts, outside the timed part.
    sync
    if [ "$status" != 0 ]; then
        echo "error: \`$*\` failed (exit $status):" >&2
        tail -n 30 "$logs/command.log" >&2
        exit 1
    fi
    rss=NA
    if [ -n "$gnu_time" ]; then
        rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$logs/time.txt")
    fi
    awk -v s="$start" -v e="$end" -v r="$rss" 'BEGIN { printf "%.4f %s\n", e - s, r }' >>"$result"
}

# fresh DIR: removes DIR and flushes the deletion to disk, outside the timed part.
fresh() {
    rm -rf "$1"
    sync
}

median() { # median of column $2 of file $1 ("NA" when there are no numbers)
    awk -v c="$2" '$c != "NA" { print $c }' "$1" | sort -g | awk '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "NA"; exit }
            if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2
        }'
}

# serve_latency SITE RESULT_FILE LOGS EDITS: saves one endorsement EDITS+1 times and times
# each until `buyin serve` answers with the new text; the first edit is a warm-up.
serve_latency() {
    local site=$1 result=$2 logs=$3 edits=$4
    local port=$((20000 + RANDOM % 20000))
    "$buyin" serve --today "$today" -C "$site" --port "$port" >"$logs/serve.log" 2>&1 &
    serve_pid=$!
    local file slug url base="http://127.0.0.1:$port"
    file=$(find "$site/content/endorsements" -name '*.yaml' | sort | awk 'NR == 1')
    slug=$(awk '/^course:/ { print $2 }' "$file")
    local waited=0
    until curl -sf -o /dev/null "$base/"; do
        sleep 0.2
        waited=$((waited + 1))
        if [ "$waited" -gt 3000 ] || ! kill -0 "$serve_pid" 2>/dev/null; then
            echo "error: buyin serve did not start:" >&2
            tail -n 20 "$logs/serve.log" >&2
            exit 1
        fi
    done
    # Course pages are courses/<slug>.html (older versions: courses/<slug>/index.html).
    url="$base/courses/$slug.html"
    curl -sf -o /dev/null "$url" || url="$base/courses/$slug/index.html"
    local original
    original=$(cat "$file")
    local i token start end status
    for ((i = 0; i <= edits; i++)); do
        token="benchmark-edit-$i-$RANDOM"
        sleep 0.5 # let the previous rebuild settle
        start=$EPOCHREALTIME
        # Written beside the site and renamed into place, as editors save.
        printf '%s\n' "$original" | sed "s/^quote: >\$/quote: >\n  Edited for the speed benchmark, $token./" >"$logs/edit.tmp"
        if ! grep -q "$token" "$logs/edit.tmp"; then
            printf '%s\nquote: Edited for the speed benchmark, %s.\n' "$original" "$token" >"$logs/edit.tmp"
        fi
        mv "$logs/edit.tmp" "$file"
        until curl -sf "$url" | grep -F "$token" >/dev/null; do
            if ! kill -0 "$serve_pid" 2>/dev/null; then
                wait "$serve_pid" 2>/dev/null && status=0 || status=$?
                echo "   buyin serve stopped (exit $status), so serve is not measured; its last words:"
                tail -n 5 "$logs/serve.log" | sed 's/^/     /'
                serve_pid=""
                printf '%s\n' "$original" >"$file"
                rm -f "$result"
                return 0
            fi
        done
        end=$EPOCHREALTIME
        if [ "$i" -gt 0 ]; then
            awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f NA\n", e - s }' >>"$result"
        fi
    done
    local hwm
    hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$serve_pid/status" 2>/dev/null || echo NA)
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
    serve_pid=""
    printf '%s\n' "$original" >"$file"
    # The server's own figure: "rebuilt after changes to …: served in M ms, …" (older
    # versions: "…: N files in M ms").
    grep -o 'rebuilt after changes to .*' "$logs/serve.log" | tail -n "$edits" |
        sed -E 's/.*served in ([0-9]+) ms.*/\1/; s/.* in ([0-9]+) ms.*/\1/' >"$result.server-ms" || true
    echo "$hwm" >"$result.peak"
}

# edit_one SITE ROUND: changes the quote of one endorsement (the same file every round, a
# new text each time), as a manager's pull request does. The file as it was is kept
# beside the site.
edit_one() {
    local file
    file=$(find "$1/content/endorsements" -name '*.yaml' | sort | awk 'NR == 1')
    [ -f "$1.edit-original" ] || cp "$file" "$1.edit-original"
    sed "s/^quote: >\$/quote: >\n  Edited for the benchmark, round $2./; s/^quote: \([^>|].*\)\$/quote: \1 Edited for the benchmark, round $2./" \
        "$1.edit-original" >"$file"
    if cmp -s "$file" "$1.edit-original"; then
        echo "error: could not edit $file for the one-record rebuild" >&2
        exit 1
    fi
}

# restore_edit SITE: puts the edited endorsement back as it was.
restore_edit() {
    local file
    if [ -f "$1.edit-original" ]; then
        file=$(find "$1/content/endorsements" -name '*.yaml' | sort | awk 'NR == 1')
        mv "$1.edit-original" "$file"
    fi
}

# --- The runs ---------------------------------------------------------------------------

results="$work/results"
mkdir -p "$results"
for n in $sizes; do
    dir="$work/n$n"
    mkdir -p "$dir"
    timed=$runs
    first_round=0
    # At 50,000 courses every run takes minutes: fewer runs and no warm-up round (the
    # sources were just written, so they are in the page cache anyway).
    if [ "$n" -ge 50000 ]; then timed=$runs_50k first_round=1; fi
    echo "== $n courses: generating the sites..."
    hugo_arg=()
    if [ "$have_hugo" = 1 ]; then hugo_arg=(--hugo "$dir/hugo-site"); fi
    "$corpus" --courses "$n" --seed "$seed" --out "$dir/site" "${hugo_arg[@]}" 2>&1 | sed 's/^/   /'

    # The floor copies a finished buyin output, kept aside from the timed builds.
    if wants copy || wants rebuild || wants catalog; then
        fresh "$dir/reference"
        "$buyin" build --today "$today" -C "$dir/site" --output "$dir/reference" >/dev/null 2>&1 || {
            echo "error: buyin build failed on the $n-course site" >&2
            "$buyin" check --today "$today" -C "$dir/site" 2>&1 | tail -n 30 >&2
            exit 1
        }
    fi
    if wants rebuild || wants edit; then
        fresh "$dir/out-rebuild"
        "$buyin" build --today "$today" -C "$dir/site" --output "$dir/out-rebuild" >/dev/null 2>&1
    fi

    for ((round = first_round; round <= timed; round++)); do
        if [ "$round" = 0 ]; then
            label="warm-up"
            sink=/dev/null
        else
            label="run $round/$timed"
        fi
        printf '   %-12s' "$label"
        # Tools take turns within a round so that drift affects all of them alike.
        if wants buyin; then
            fresh "$dir/out-buyin"
            target="$results/$n-buyin"
            [ "$round" = 0 ] && target=$sink
            run_timed "$target" "$dir" "$buyin" build "${no_cache[@]}" --today "$today" -C "$dir/site" --output "$dir/out-buyin"
            printf ' buyin'
        fi
        if wants rebuild || wants edit; then
            # The cache and the folder as the last build of out-rebuild left them.
            "$buyin" build --today "$today" -C "$dir/site" --output "$dir/out-rebuild" >/dev/null 2>&1
            sync
        fi
        if wants rebuild; then
            target="$results/$n-rebuild"
            [ "$round" = 0 ] && target=$sink
            run_timed "$target" "$dir" "$buyin" build --today "$today" -C "$dir/site" --output "$dir/out-rebuild"
            printf ' rebuild'
        fi
        if wants edit; then
            edit_one "$dir/site" "$round"
            target="$results/$n-edit"
            [ "$round" = 0 ] && target=$sink
            run_timed "$target" "$dir" "$buyin" build --today "$today" -C "$dir/site" --output "$dir/out-rebuild"
            printf ' edit'
        fi
        if wants check; then
            target="$results/$n-check"
            [ "$round" = 0 ] && target=$sink
            run_timed "$target" "$dir" "$buyin" check --today "$today" -C "$dir/site"
            target="$results/$n-checkfresh"
            [ "$round" = 0 ] && target=$sink
            run_timed "$target" "$dir" "$buyin" check "${no_cache[@]}" --today "$today" -C "$dir/site"
            printf ' check'
        fi
        if [ "$have_hugo" = 1 ]; then
            fresh "$dir/out-hugo"
            target="$results/$n-hugo"
            [ "$round" = 0 ] && target=$sink
            run_timed "$target" "$dir" hugo --quiet -s "$dir/hugo-site" -d "$dir/out-hugo"
            printf ' hugo'
        fi
        if wants copy; then
            fresh "$dir/out-copy"
            target="$results/$n-copy"
            [ "$round" = 0 ] && target=$sink
            run_timed "$target" "$dir" cp -r "$dir/reference" "$dir/out-copy"
            printf ' copy'
        fi
        echo
    done
    restore_edit "$dir/site"
    if [ "$have_curl" = 1 ]; then
        echo "   serve: timing $timed endorsement edits after a warm-up edit..."
        serve_latency "$dir/site" "$results/$n-serve" "$dir" "$timed"
    fi

    if wants catalog && [ -d "$dir/reference" ]; then
        first=$(cd "$dir/reference" && cat index.html style.css catalog.js favicon.svg 2>/dev/null | wc -c)
        index=$( [ -f "$dir/reference/catalog-index.js" ] && wc -c <"$dir/reference/catalog-index.js" || echo 0)
        answer=NA
        if command -v node >/dev/null 2>&1 && [ -d "$repo/tests/browser/node_modules" ]; then
            answer=$(node "$repo/tests/browser/run.mjs" --site "$dir/reference" --only large 2>/dev/null |
                grep -o 'under /training/.*answered in [0-9]* ms' | grep -o 'answered in [0-9]*' | grep -o '[0-9]*$' || echo NA)
        fi
        echo "$first $index ${answer:-NA}" >"$results/$n-catalog"
        echo "   catalog: first load $((first / 1024)) KB; index of every course $((index / 1024)) KB; first answer ${answer:-NA} ms"
    fi

    # What each tool wrote, to show the outputs are alike.
    for out in out-buyin out-hugo; do
        if [ -d "$dir/$out" ]; then
            files=$(find "$dir/$out" -type f | wc -l)
            bytes=$(du -sb "$dir/$out" | awk '{ print $1 }')
            echo "$files $bytes" >"$results/$n-$out.size"
        fi
    done
    # Outputs are large; keep only the last size's unless asked.
    if [ "$keep" != 1 ]; then
        rm -rf "$dir/out-buyin" "$dir/out-hugo" "$dir/out-copy" "$dir/out-rebuild" "$dir/reference"
    fi
done

# --- The table --------------------------------------------------------------------------

cached=" (build cache)"
[ "${#no_cache[@]}" -gt 0 ] || cached=" (no build cache)"
mib() { awk -v k="$1" 'BEGIN { if (k == "NA") print "NA"; else printf "%.0f", k / 1024 }'; }
secs() { awk -v s="$1" 'BEGIN { if (s == "NA") print "NA"; else printf "%.2f", s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.1f", a / b }'; }

echo
echo "Medians (wall time in seconds, peak resident memory in MiB):"
echo
printf '%8s  %-10s  %4s  %10s  %9s  %s\n' courses tool runs "wall s" "peak MiB" "output"
for n in $sizes; do
    for tool in buyin rebuild edit check checkfresh hugo copy serve; do
        f="$results/$n-$tool"
        [ -s "$f" ] || continue
        count=$(wc -l <"$f")
        wall=$(median "$f" 1)
        peak=$(mib "$(median "$f" 2)")
        note=""
        case $tool in
            buyin | hugo)
                if [ -f "$results/$n-out-$tool.size" ]; then
                    read -r files bytes <"$results/$n-out-$tool.size"
                    note="$files files, $(awk -v b="$bytes" 'BEGIN { printf "%.0f MiB", b / 1048576 }')"
                fi
                [ "$tool" = hugo ] || note="${no_cache[*]:-full build}, into a new folder; $note"
                ;;
            rebuild) note="over its previous output, nothing changed$cached" ;;
            edit) note="over its previous output, one endorsement changed$cached" ;;
            check) note="buyin check$cached" ;;
            checkfresh) note="buyin check ${no_cache[*]:-(no cache to turn off)}" ;;
            copy) note="cp -r of buyin's output" ;;
            serve)
                peak=$(mib "$(cat "$f.peak" 2>/dev/null || echo NA)")
                note="edit saved -> page served; server's own rebuild: $(median "$f.server-ms" 1) ms"
                wall=$(awk -v s="$wall" 'BEGIN { printf "%.3f", s }')
                ;;
        esac
        [ "$tool" = serve ] || wall=$(secs "$wall")
        printf '%8s  %-10s  %4s  %10s  %9s  %s\n' "$n" "$tool" "$count" "$wall" "$peak" "$note"
    done
done

echo
echo "Ratios of the medians:"
echo
printf '%8s  %18s  %12s  %12s\n' courses "speed-up vs Hugo" "buyin/copy" "memory/Hugo"
for n in $sizes; do
    b="$results/$n-buyin" h="$results/$n-hugo" c="$results/$n-copy"
    [ -s "$b" ] || continue
    bw=$(median "$b" 1) bm=$(median "$b" 2)
    hw=NA hm=NA cw=NA
    if [ -s "$h" ]; then hw=$(median "$h" 1) hm=$(median "$h" 2); fi
    if [ -s "$c" ]; then cw=$(median "$c" 1); fi
    speed=$(ratio "$hw" "$bw")
    [ "$speed" = NA ] || speed="${speed}x"
    floor=$(ratio "$bw" "$cw")
    [ "$floor" = NA ] || floor="${floor}x"
    memory=$(awk -v a="$bm" -v b="$hm" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else printf "%.2f", a / b }')
    printf '%8s  %18s  %12s  %12s\n' "$n" "$speed" "$floor" "$memory"
done
if [ "$have_hugo" != 1 ] && wants hugo; then
    echo "(Hugo is not installed: no speed-up figures.)"
fi

if wants catalog; then
    echo
    echo "The catalog (first load: index.html, style.css, catalog.js and the icon; the index of"
    echo "every course loads when the finder is first used; first answer: typing a word in"
    echo "Chromium until the matching courses show, under /training/):"
    echo
    printf '%8s  %16s  %16s  %16s
' courses "first load KB" "index KB" "first answer ms"
    for n in $sizes; do
        f="$results/$n-catalog"
        [ -s "$f" ] || continue
        read -r first index answer <"$f"
        printf '%8s  %16s  %16s  %16s\n' "$n" "$((first / 1024))" "$((index / 1024))" "$answer"
    done
fi

if [[ " $sizes " == *" 10000 "* ]] && [ -s "$results/10000-buyin" ]; then
    echo
    echo "Targets at 10,000 courses (ratios of medians in this run):"
    bw=$(median "$results/10000-buyin" 1) bm=$(median "$results/10000-buyin" 2)
    check() { if awk "BEGIN { exit !($2) }"; then echo "  met      $1"; else echo "  NOT met  $1"; fi; }
    if [ -s "$results/10000-copy" ]; then
        cw=$(median "$results/10000-copy" 1)
        check "fresh build at most 1.25x copying its output ($(ratio "$bw" "$cw")x)" "$bw <= 1.25 * $cw"
    fi
    if [ "$bm" != NA ]; then
        check "peak memory of the fresh build under 150 MiB ($(mib "$bm") MiB)" "$bm < 150 * 1024"
    fi
    if [ -s "$results/10000-hugo" ]; then
        hw=$(median "$results/10000-hugo" 1)
        hr() { awk -v a="$1" -v b="$hw" 'BEGIN { printf "%.3f", a / b }'; }
        for t in rebuild edit; do
            [ -s "$results/10000-$t" ] || continue
            w=$(median "$results/10000-$t" 1)
            what="no-change rebuild"
            [ "$t" = edit ] && what="one-record rebuild"
            check "$what at most 0.05x Hugo's full build ($(hr "$w")x)" "$w <= 0.05 * $hw"
        done
        for t in check checkfresh; do
            [ -s "$results/10000-$t" ] || continue
            w=$(median "$results/10000-$t" 1)
            what="check with the cache"
            [ "$t" = checkfresh ] && what="check without a cache"
            check "$what at most 0.1x Hugo's full build ($(hr "$w")x)" "$w <= 0.1 * $hw"
        done
    fi
    if [ -s "$results/10000-catalog" ]; then
        read -r first _ _ <"$results/10000-catalog"
        check "catalog first load under 300 KB ($((first / 1024)) KB)" "$first < 300 * 1024"
    fi
    if [ -s "$results/10000-serve" ]; then
        sw=$(median "$results/10000-serve" 1)
        check "one endorsement edit ready in serve within 100 ms ($(awk -v s="$sw" 'BEGIN { printf "%.0f", s * 1000 }') ms)" "$sw <= 0.1"
    fi
fi
