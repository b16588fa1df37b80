#!/usr/bin/env bash
# Makes the secrets that compose.yaml gives its services, with random passwords, in
# docker/secrets (or the directory given): the store's password, the broker's credentials for
# the server (every right) and for workers (take chunks, send results), and the HTTP API token.
# Files that exist are kept, so it is safe to run again; delete one to make it anew.
#
# The directory is yours alone (0700) and its files are 0644: Docker Compose mounts a secret
# with its host file's owner and mode, and mqpool in the container runs as a user of its own
# (uid 10001), which must be able to read it. Its entrypoint makes an owner-only copy.
set -euo pipefail

dir="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets}"
mkdir -p "$dir"
chmod 700 "$dir"

random() {
    head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

make() {
    local name="$1" content="$2"
    if [ -e "$dir/$name" ]; then
        echo "kept $dir/$name"
        return
    fi
    printf '%s\n' "$content" >"$dir/$name.new"
    chmod 644 "$dir/$name.new"
    mv "$dir/$name.new" "$dir/$name"
    echo "made $dir/$name"
}

make postgres-password "$(random)"
make engine-credentials.properties "$(printf 'user=engine\npassword=%s' "$(random)")"
make worker-credentials.properties "$(printf 'user=worker\npassword=%s' "$(random)")"
make http-token "$(random)"
