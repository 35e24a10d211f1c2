# shellcheck shell=bash
# Finds a JDK 21 or newer for Outsight: sourced by ./outsight and .ci/run so both pick the same one.
# Outsight compiles for Java 21 and its local Elasticsearch needs Java 21+; the default java may be older.

# Prints the feature version (17, 21, 25, ...) of the JDK in the given folder, or nothing when it is not a JDK.
jdk_feature_version() {
    local home="$1" version
    [[ -x "$home/bin/java" && -x "$home/bin/javac" && -r "$home/release" ]] || return 0
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    version=${version#1.}   # "1.8.0" -> "8.0"
    printf '%s\n' "${version%%[.+-]*}"
}

# Prints the JDK to use: $JAVA_HOME when it is 21+, else the newest 21+ under /usr/lib/jvm (and macOS's
# /Library/Java/JavaVirtualMachines), else the JDK of the java on PATH when it is 21+. Fails with a message otherwise.
select_jdk() {
    local home version best_home="" best_version=0
    if [[ -n "${JAVA_HOME:-}" ]]; then
        version=$(jdk_feature_version "$JAVA_HOME")
        if [[ "$version" =~ ^[0-9]+$ ]] && (( version >= 21 )); then
            printf '%s\n' "$JAVA_HOME"
            return 0
        fi
    fi
    for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [[ -d "$home" ]] || continue
        version=$(jdk_feature_version "$home")
        [[ "$version" =~ ^[0-9]+$ ]] || continue
        if (( version >= 21 && version > best_version )); then
            best_home="$home"
            best_version="$version"
        fi
    done
    if [[ -z "$best_home" ]] && command -v javac >/dev/null 2>&1; then
        home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        version=$(jdk_feature_version "$home")
        if [[ "$version" =~ ^[0-9]+$ ]] && (( version >= 21 )); then
            best_home="$home"
        fi
    fi
    if [[ -z "$best_home" ]]; then
        echo "error: no JDK 21 or newer found; install one (e.g. Temurin 25) or set JAVA_HOME to it" >&2
        return 1
    fi
    printf '%s\n' "$best_home"
}
