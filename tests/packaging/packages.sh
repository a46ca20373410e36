#!/usr/bin/env bash
# The packaging tests: one step per CTest test (see CMakeLists.txt here).
#
#   packages.sh STEP --build-dir DIR --work-dir DIR --source-dir DIR --version V
#
#   build       cpack the build tree into WORK/packages and unpack each .deb into WORK/root/PKG
#   lintian     lintian on both .debs: no errors, no warnings; no executable has an RPATH
#   metadata    desktop-file-validate, appstreamcli validate, one id everywhere
#   manpages    every executable has a man page; groff reports nothing; templates match --help
#   completion  the bash completion of crondeskctl offers its commands, options and values
#   rpm         the .rpm files hold what the .debs hold and require the Qt libraries
#   install     apt-get install the .debs, run and launch what they installed, purge them and
#               check the system is as before (root, or passwordless sudo; skipped otherwise)
#   notests     a tree configured with CRONDESK_BUILD_TESTS=OFF (in WORK, configured only) still
#               builds and packages crondesk-sandbox, and asks Qt for no module only tests use
set -euo pipefail

step=${1:?usage: packages.sh STEP --build-dir DIR --work-dir DIR --source-dir DIR --version V}
shift
build_dir='' work_dir='' source_dir='' version=''
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) build_dir=$2 ;;
        --work-dir) work_dir=$2 ;;
        --source-dir) source_dir=$2 ;;
        --version) version=$2 ;;
        *) echo "packages.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift 2
done
: "${build_dir:?--build-dir missing}" "${work_dir:?--work-dir missing}"
: "${source_dir:?--source-dir missing}" "${version:?--version missing}"

readonly app_id=io.github.crondesk.CronDesk
readonly skip_code=77
arch=$(dpkg --print-architecture)
readonly arch
readonly packages="$work_dir/packages"
readonly root="$work_dir/root"
readonly deb_app="$packages/crondesk_${version}_${arch}.deb"
readonly deb_sandbox="$packages/crondesk-sandbox_${version}_${arch}.deb"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

section() {
    printf '\n=== %s\n' "$*"
}

require_packages() {
    if [ ! -f "$deb_app" ] || [ ! -f "$deb_sandbox" ]; then
        fail "no packages in $packages: the packaging_build test makes them"
    fi
}

# --- build ---------------------------------------------------------------------------------------

step_build() {
    rm -rf "$work_dir"
    mkdir -p "$packages" "$root"
    section "cpack ($build_dir)"
    (cd "$build_dir" && cpack --config "$build_dir/CPackConfig.cmake" -B "$packages")
    ls -l "$packages"
    require_packages
    local deb name
    for deb in "$deb_app" "$deb_sandbox"; do
        name=$(dpkg-deb --field "$deb" Package)
        section "$name"
        dpkg-deb --info "$deb"
        dpkg-deb --contents "$deb"
        dpkg-deb --extract "$deb" "$root/$name"
    done
}

# --- lintian -------------------------------------------------------------------------------------

step_lintian() {
    require_packages
    section "lintian $(lintian --version)"
    # Info tags are shown for the record; errors and warnings fail. A warning we decide to accept
    # gets a justified override in packaging/, not a laxer threshold here.
    local status=0
    lintian --display-info --fail-on error,warning "$deb_app" "$deb_sandbox" || status=$?
    [ "$status" -eq 0 ] || fail "lintian reported errors or warnings (exit status $status)"
    echo "lintian: no errors, no warnings"

    # lintian lets a $ORIGIN search path pass; we want none: every shared library the executables
    # load is the system's, found where the loader looks by default.
    section "no run-time library search path"
    local exe count=0
    for exe in "$root"/*/usr/bin/*; do
        if readelf --dynamic "$exe" | grep -E '\((RPATH|RUNPATH)\)'; then
            fail "$exe has a library search path"
        fi
        count=$((count + 1))
    done
    [ "$count" -ge 3 ] || fail "expected crondesk, crondeskctl and crondesk-sandbox, found $count"
    echo "no RPATH or RUNPATH in the $count executables"
}

# --- metadata ------------------------------------------------------------------------------------

step_metadata() {
    require_packages
    local tree="$root/crondesk"
    local desktop="$tree/usr/share/applications/$app_id.desktop"
    local metainfo="$tree/usr/share/metainfo/$app_id.metainfo.xml"
    local icon="$tree/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    [ -f "$desktop" ] || fail "the package has no $app_id.desktop"
    [ -f "$metainfo" ] || fail "the package has no $app_id.metainfo.xml"
    [ -f "$icon" ] || fail "the package has no hicolor/scalable/apps/$app_id.svg"

    section "desktop-file-validate"
    desktop-file-validate "$desktop"
    echo "desktop-file-validate: passed"

    section "appstreamcli validate --no-net ($(appstreamcli --version))"
    appstreamcli validate --no-net --pedantic --explain "$metainfo"
    section "appstreamcli validate-tree --no-net"
    appstreamcli validate-tree --no-net "$tree"

    section "one id everywhere"
    python3 - "$metainfo" "$desktop" "$icon" "$app_id" "$version" <<'EOF'
import configparser, sys, xml.etree.ElementTree as ET
metainfo, desktop, icon, app_id, version = sys.argv[1:]
component = ET.parse(metainfo).getroot()
problems = []
def expect(what, actual, wanted):
    if actual != wanted:
        problems.append(f"{what} is {actual!r}, expected {wanted!r}")
expect("metainfo <id>", component.findtext("id"), app_id)
expect("metainfo <launchable type=desktop-id>",
       component.findtext("launchable[@type='desktop-id']"), app_id + ".desktop")
entry = configparser.ConfigParser(interpolation=None)
entry.optionxform = str
entry.read(desktop, encoding="utf-8")
expect("desktop Icon=", entry["Desktop Entry"].get("Icon"), app_id)
expect("desktop Exec=", entry["Desktop Entry"].get("Exec"), "crondesk")
releases = component.findall("releases/release")
expect("newest metainfo release", releases[0].get("version") if releases else None, version)
svg = ET.parse(icon).getroot()
expect("icon root element", svg.tag, "{http://www.w3.org/2000/svg}svg")
for problem in problems:
    print("FAIL:", problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{app_id}: desktop file name, metainfo id and launchable, icon name and Icon= agree;"
      f" release {version}")
EOF
}

# --- man pages -----------------------------------------------------------------------------------

step_manpages() {
    require_packages
    local tree program page warnings
    section "man pages: one per executable, groff silent"
    for tree in "$root"/*; do
        for program in "$tree"/usr/bin/*; do
            page="$tree/usr/share/man/man1/$(basename "$program").1.gz"
            [ -f "$page" ] || fail "$(basename "$program") has no man page in $(basename "$tree")"
            # What lintian's groff check runs; any output is a warning about the page.
            warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
            [ -z "$warnings" ] || fail "groff warnings for $page: $warnings"
            LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" | grep -- '--help' >/dev/null \
                || fail "$page does not document --help"
            echo "$(basename "$page"): ok"
        done
    done
    section "templates against --help"
    local helpdoc="$source_dir/packaging/helpdoc.py" templates="$source_dir/packaging/man"
    python3 "$helpdoc" check --binary "$build_dir/bin/crondesk" --template "$templates/crondesk.1.in"
    python3 "$helpdoc" check --binary "$build_dir/bin/crondeskctl" \
        --template "$templates/crondeskctl.1.in" --commands
    python3 "$helpdoc" check --binary "$build_dir/bin/crondesk-sandbox" \
        --template "$templates/crondesk-sandbox.1.in"
    echo "the hand-written parts mention no option the programs lack and explain every variable"
}

# --- completion ----------------------------------------------------------------------------------

step_completion() {
    require_packages
    local completion="$root/crondesk/usr/share/bash-completion/completions/crondeskctl"
    [ -f "$completion" ] || fail "the package has no bash completion for crondeskctl"
    bash -n "$completion"
    if command -v shellcheck >/dev/null; then
        shellcheck "$completion"
    fi
    section "completing crondeskctl"
    # Each case: the words typed so far (the last one being completed) | words that must be offered.
    bash --norc --noprofile -s "$completion" "$build_dir/bin/crondeskctl" <<'EOF'
set -euo pipefail
# shellcheck disable=SC1090
source "$1"
ctl=$2
failures=0
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _crondeskctl crondeskctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}"
}
expect() {
    local wanted=$1
    shift
    local offered
    offered=$(complete_words "$@" | tr '\n' ' ')
    local word
    for word in $wanted; do
        if [[ " $offered " != *" $word "* ]]; then
            echo "FAIL: '$*' offers '$offered', not $word" >&2
            failures=$((failures + 1))
            return
        fi
    done
    echo "'$*' -> $offered"
}
expect "crons" crondeskctl ''
expect "list" crondeskctl crons ''
expect "list" crondeskctl --url http://127.0.0.1:2024 crons l
expect "--url --api-key --help --version" crondeskctl --
expect "--format" crondeskctl crons list --f
expect "json csv" crondeskctl crons list --format ''
expect "next describe" crondeskctl schedule ''
# The schedule is an argument, not a command word: the options of "schedule next" follow it.
expect "--tz" crondeskctl schedule next '0 9 * * *' --t
# Every command the help lists is offered, word by word.
while read -r command _; do
    [ -n "$command" ] || continue
    expect "$command" crondeskctl ''
done < <("$ctl" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' | sort -u)
exit "$failures"
EOF
}

# --- notests -------------------------------------------------------------------------------------

step_notests() {
    rm -rf "$work_dir"
    mkdir -p "$work_dir"
    local tree="$work_dir/tree"
    section "configure $source_dir without tests"
    cmake -S "$source_dir" -B "$tree" -G Ninja -DCRONDESK_BUILD_TESTS=OFF >"$work_dir/configure.log" \
        || { cat "$work_dir/configure.log"; fail "the tree does not configure without tests"; }
    # Listed whole first: `grep -q` stops reading at the match, and under pipefail the SIGPIPE
    # that a long target list then gets would read as a failure.
    local targets
    targets=$(ninja -C "$tree" -t targets all)
    grep -q '^crondesk-sandbox: phony' <<<"$targets" \
        || fail "crondesk-sandbox is not built without tests"
    grep -q 'set(CPACK_COMPONENTS_ALL "crondesk;sandbox")' "$tree/CPackConfig.cmake" \
        || fail "the sandbox package is not made without tests"
    grep -q 'crondesk-sandbox' "$tree/packaging/cmake_install.cmake" \
        || fail "crondesk-sandbox is not installed without tests"
    [ ! -e "$tree/tests/models" ] || fail "tests were configured although CRONDESK_BUILD_TESTS=OFF"
    # Qt modules the program does not use at all, or only its tests do.
    local module
    for module in Test HttpServer Concurrent; do
        if grep -q "^Qt6${module}_DIR:" "$tree/CMakeCache.txt"; then
            fail "find_package asks for Qt6::$module without tests"
        fi
    done
    echo "without tests: crondesk-sandbox is built and packaged; Qt Test, HttpServer and Concurrent are not looked for"
    rm -rf "$work_dir"
}

# --- rpm -----------------------------------------------------------------------------------------

step_rpm() {
    require_packages
    local rpms=("$packages"/*.rpm)
    if [ ! -e "${rpms[0]}" ]; then
        echo "SKIP: no .rpm was made (rpmbuild was not found when the tree was configured)"
        exit "$skip_code"
    fi
    local name deb rpm deb_files rpm_files
    for name in crondesk crondesk-sandbox; do
        rpm="$packages/$name-$version-1.$(uname -m).rpm"
        deb="$packages/${name}_${version}_${arch}.deb"
        [ -f "$rpm" ] || fail "no $rpm"
        section "$(basename "$rpm")"
        rpm -qp --info "$rpm"
        rpm -qp --requires "$rpm"
        rpm -K --nosignature "$rpm"
        # Same files as the .deb (directories aside: rpm lists only those it owns).
        deb_files=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -n 's|^\./|/|; /[^/]$/p' | sort)
        rpm_files=$(rpm -qp --list "$rpm" | while read -r f; do
            [ -d "$root/$name$f" ] || echo "$f"
        done | sort)
        [ "$deb_files" = "$rpm_files" ] \
            || fail "$name: .rpm and .deb files differ:$(diff <(echo "$deb_files") <(echo "$rpm_files"))"
        rpm -qp --requires "$rpm" | grep '^libQt6Core\.so\.6' >/dev/null \
            || fail "$name: the .rpm does not require libQt6Core.so.6"
        echo "$name: the .rpm holds the .deb's files and requires the Qt libraries"
    done
}

# --- install -------------------------------------------------------------------------------------

sudo_cmd=()
installed_here=0
state_before=''
scratch=''
pids=()

cleanup() {
    local status=$?
    local pid
    for pid in "${pids[@]}"; do
        # crondesk killed by a signal leaves the sandbox it started running: stop that first.
        pkill -P "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done
    if [ "$installed_here" -eq 1 ]; then
        echo "cleanup: purging what this test installed" >&2
        "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q \
            -o DPkg::Lock::Timeout=120 crondesk crondesk-sandbox >/dev/null 2>&1 || true
    fi
    [ -z "$scratch" ] || rm -rf "$scratch"
    exit "$status"
}

package_state() {
    dpkg-query -W -f='${Package}:${Architecture} ${Version} ${db:Status-Abbrev}\n' | sort
}

is_installed() {
    dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'
}

# Polls COMMAND... every 0.2 s for up to SECONDS; a bounded wait, not a synchronisation sleep.
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

sandbox_saw_search() {
    curl -fsS "$1/_sandbox/requests" | python3 -c '
import json, sys
log = json.load(sys.stdin)
entries = log if isinstance(log, list) else log.get("requests", [])
sys.exit(0 if any(e.get("method") == "POST" and e.get("path") == "/runs/crons/search"
                  for e in entries) else 1)'
}

# The crondesk-sandbox process crondesk PID started (by executable: process names stop at 15
# characters).
child_sandbox() {
    local child
    for child in $(pgrep -P "$1"); do
        if [ "$(readlink "/proc/$child/exe")" = /usr/bin/crondesk-sandbox ]; then
            echo "$child"
            return 0
        fi
    done
    return 1
}

step_install() {
    require_packages
    if [ "$(id -u)" -ne 0 ]; then
        if sudo -n true 2>/dev/null; then
            sudo_cmd=(sudo -n)
        else
            echo "SKIP: installing the packages needs root or passwordless sudo; this test ran" \
                "as $(id -un). CI runs it as root." >&2
            exit "$skip_code"
        fi
    fi
    local name
    for name in crondesk crondesk-sandbox; do
        if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q installed; then
            fail "$name is already installed on this machine; this test installs and purges it," \
                "so remove it first (apt-get purge $name)"
        fi
    done
    trap cleanup EXIT
    state_before=$(package_state)

    # apt's download sandbox user must be able to read the files.
    scratch=$(mktemp -d)
    chmod 755 "$scratch"
    # The installed programs write settings, profiles and a journal under the user's home: give
    # them one of their own, so the machine's users keep theirs untouched.
    export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config"
    export XDG_DATA_HOME="$scratch/home/.local/share" XDG_CACHE_HOME="$scratch/home/.cache"
    mkdir -p "$HOME"
    cp "$deb_app" "$deb_sandbox" "$scratch/"
    chmod 644 "$scratch"/*.deb

    section "apt-get install ./crondesk_${version}_${arch}.deb ./crondesk-sandbox_${version}_${arch}.deb"
    installed_here=1
    # Dependencies resolved by apt; no recommends of dependencies (a GTK platform theme for
    # libqt6gui6), which the packages do not need and CI does not install either.
    (cd "$scratch" && "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends -o DPkg::Lock::Timeout=120 \
        "./crondesk_${version}_${arch}.deb" "./crondesk-sandbox_${version}_${arch}.deb")
    is_installed crondesk || fail "crondesk is not installed after apt-get install"
    is_installed crondesk-sandbox || fail "crondesk-sandbox is not installed after apt-get install"
    local files_app files_sandbox
    files_app=$(dpkg-query -L crondesk)
    files_sandbox=$(dpkg-query -L crondesk-sandbox)

    section "installed programs"
    local out
    out=$(/usr/bin/crondeskctl --version)
    [ "$out" = "crondeskctl $version" ] || fail "crondeskctl --version printed '$out'"
    echo "$out"
    # A QApplication needs a platform even to print its version; CI has no display.
    out=$(QT_QPA_PLATFORM=offscreen /usr/bin/crondesk --version 2>/dev/null)
    [ "$out" = "crondesk $version" ] || fail "crondesk --version printed '$out'"
    echo "$out"
    out=$(/usr/bin/crondesk-sandbox --version)
    [ "$out" = "crondesk-sandbox $version" ] || fail "crondesk-sandbox --version printed '$out'"
    echo "$out"
    /usr/bin/crondeskctl --help >/dev/null
    if command -v man >/dev/null; then
        for name in crondesk crondeskctl crondesk-sandbox; do
            echo "man -w $name: $(man -w "$name")"
        done
    fi
    desktop-file-validate "/usr/share/applications/$app_id.desktop"
    appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" >/dev/null
    [ -f "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ] || fail "the icon is not installed"

    section "crondesk against the installed crondesk-sandbox"
    /usr/bin/crondesk-sandbox --port 0 --seed 5 >"$scratch/sandbox.out" 2>"$scratch/sandbox.err" &
    pids+=($!)
    wait_for 20 grep -qs '^listening on ' "$scratch/sandbox.out" \
        || fail "crondesk-sandbox did not start: $(cat "$scratch/sandbox.err")"
    local url
    url=$(sed -n 's/^listening on //p' "$scratch/sandbox.out" | head -n 1)
    echo "sandbox: $url"

    local ids listed id
    ids=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"limit": 100}' \
        "$url/runs/crons/search" | python3 -c 'import json, sys; print("\n".join(c["cron_id"] for c in json.load(sys.stdin)))')
    [ "$(echo "$ids" | wc -l)" -eq 5 ] || fail "the sandbox does not hold 5 crons: $ids"
    listed=$(/usr/bin/crondeskctl --url "$url" crons list --format json)
    for id in $ids; do
        grep -q "$id" <<<"$listed" || fail "crondeskctl crons list does not list $id"
    done
    echo "crondeskctl crons list: the 5 crons of the sandbox"

    curl -fsS -X DELETE "$url/_sandbox/requests" >/dev/null
    QT_QPA_PLATFORM=offscreen /usr/bin/crondesk --no-keychain --url "$url" >"$scratch/app.log" 2>&1 &
    local app=$!
    pids+=("$app")
    wait_for 30 sandbox_saw_search "$url" \
        || fail "crondesk never searched the sandbox's crons: $(cat "$scratch/app.log")"
    echo "crondesk listed the crons (POST /runs/crons/search)"
    # It must also stay up once the table is filled: poll for a few seconds that it is alive.
    local deadline=$((SECONDS + 3))
    while [ "$SECONDS" -lt "$deadline" ]; do
        kill -0 "$app" 2>/dev/null || fail "crondesk exited: $(cat "$scratch/app.log")"
        sleep 0.2
    done
    kill "$app"
    wait "$app" 2>/dev/null || true
    echo "crondesk stayed up"

    section "crondesk --sandbox starts the installed crondesk-sandbox"
    env -u CRONDESK_SANDBOX QT_QPA_PLATFORM=offscreen /usr/bin/crondesk --no-keychain --sandbox \
        >"$scratch/demo.log" 2>&1 &
    app=$!
    pids+=("$app")
    wait_for 20 child_sandbox "$app" >/dev/null \
        || fail "crondesk did not start crondesk-sandbox: $(cat "$scratch/demo.log")"
    local child
    child=$(child_sandbox "$app")
    pids+=("$child")
    echo "crondesk started /usr/bin/crondesk-sandbox ($(tr '\0' ' ' <"/proc/$child/cmdline"))"
    kill "$app" "$child"
    wait "$app" 2>/dev/null || true

    section "apt-get purge crondesk crondesk-sandbox"
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q \
        -o DPkg::Lock::Timeout=120 crondesk crondesk-sandbox
    installed_here=0
    local path
    while read -r path; do
        # Directories shared with other packages (/usr/share/man/man1, ...) stay; files go.
        [ -z "$path" ] || [ -d "$path" ] || [ ! -e "$path" ] || fail "$path is left after purge"
    done <<<"$files_app"$'\n'"$files_sandbox"
    for path in /usr/share/doc/crondesk /usr/share/doc/crondesk-sandbox; do
        [ ! -e "$path" ] || fail "$path is left after purge"
    done

    # Anything apt pulled in for the packages goes too, so the machine is as it was.
    local added
    added=$(comm -13 <(echo "$state_before" | cut -d' ' -f1) <(package_state | cut -d' ' -f1))
    if [ -n "$added" ]; then
        echo "purging the dependencies apt added: $added"
        # shellcheck disable=SC2086 # one package per word
        "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q \
            -o DPkg::Lock::Timeout=120 $added
    fi
    [ "$(package_state)" = "$state_before" ] \
        || fail "the installed packages differ from before the test:$(diff <(echo "$state_before") <(package_state))"
    echo "purged: no file of either package is left and the package set is as before"
}

case "$step" in
    build | lintian | metadata | manpages | completion | rpm | install | notests) "step_$step" ;;
    *) echo "packages.sh: unknown step $step" >&2; exit 2 ;;
esac
