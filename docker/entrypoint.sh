#!/usr/bin/env bash
# The image's entrypoint: gives mqpool private copies of its secrets, then runs it with the
# given arguments (`server ...`, `broker ...`, `worker ...`, or any other mqpool command).
#
# Docker Compose mounts each secret at /run/secrets/NAME as the host's file, with the host's
# owner and mode, and mqpool refuses a secret file that anyone but its owner may read (as ssh
# refuses a private key). So each one is copied, readable by this user alone, into the data
# directory, where mqpool looks for http-token, worker-credentials.properties and
# engine-credentials.properties, and where a setting such as store.password-file can name it.
# A copy is replaced as a whole on every start: the secret is what counts.
#
# MQPOOL_JAR, MQPOOL_SECRETS_DIR and MQPOOL_PRIVATE_SECRETS_DIR move what this script uses;
# MQPOOL_JAVA_OPTS gives the JVM options.
set -euo pipefail

jar="${MQPOOL_JAR:-/opt/mqpool/mqpool.jar}"
secrets="${MQPOOL_SECRETS_DIR:-/run/secrets}"
private="${MQPOOL_PRIVATE_SECRETS_DIR:-${MQPOOL_DATA:-/var/lib/mqpool}}"

if [ -d "$secrets" ]; then
    for secret in "$secrets"/*; do
        [ -f "$secret" ] || continue
        if [ ! -r "$secret" ]; then
            echo "mqpool: cannot read the secret $secret as uid $(id -u): make its file readable (chmod 644)" \
                "in a directory only you may enter, as docker/make-secrets.sh does" >&2
            exit 2
        fi
        mkdir -p "$private"
        name="$(basename "$secret")"
        # mktemp makes the file owner-only; the rename replaces the old copy at once.
        copy="$(mktemp "$private/.$name.XXXXXX")"
        cat "$secret" >"$copy"
        mv -f "$copy" "$private/$name"
    done
fi

# exec: java becomes the container's first process, so `docker stop` (SIGTERM) reaches it.
exec java ${MQPOOL_JAVA_OPTS:-} -jar "$jar" "$@"
