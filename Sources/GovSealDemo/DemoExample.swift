/// The example release the demo blesses, embargoes, discloses and rebuilds: a tiny "node" whose
/// build is deterministic (a ustar archive with sorted names, fixed owner, mode and mtime =
/// SOURCE_DATE_EPOCH), committed with a fixed author, committer and dates so its commit id is fixed.
enum DemoExample {
    static let repository = "https://example.org/example-node.git"
    static let author = (name: "Example Foundation", email: "security@example.org")
    static let commitDate = "2026-01-05T09:00:00Z"
    static let commitMessage = "Fix CVE-2026-0001: reject oversized vote extensions\n"

    /// (path, mode, content): the source tree.
    static let files: [(path: String, executable: Bool, content: String)] = [
        ("README.md", false, """
        # example-node

        A tiny stand-in for a blockchain node, used by `govseal demo`. `build.sh` turns it into a
        reproducible release archive: the same source always gives the same bytes.

        """),
        ("build.sh", true, """
        #!/bin/sh
        # Reproducible build: sorted names, fixed owner, mode and time, no compression timestamps.
        set -eu
        mkdir -p dist
        tar --sort=name --owner=0 --group=0 --numeric-owner --mode='u+rwX,go+rX,go-w' \\
            --mtime="@${SOURCE_DATE_EPOCH}" --format=ustar -cf dist/example-node-linux-amd64.tar README.md src
        cp src/node.sh dist/example-node
        chmod 755 dist/example-node

        """),
        ("src/node.sh", true, """
        #!/bin/sh
        # example-node: validates vote extensions before accepting them.
        MAX_VOTE_EXTENSION_BYTES=1048576
        accept_vote_extension() {
            size=$1
            # CVE-2026-0001: an oversized extension used to exhaust memory; reject it.
            if [ "$size" -gt "$MAX_VOTE_EXTENSION_BYTES" ]; then
                echo "rejected: vote extension of $size bytes" >&2
                return 1
            fi
            echo "accepted: vote extension of $size bytes"
        }
        accept_vote_extension "${1:-0}"

        """),
        ("src/consensus/params.conf", false, """
        block_max_bytes = 22020096
        vote_extension_max_bytes = 1048576

        """),
    ]

    static let buildCommand = "sh build.sh"
    static let outputs: [(name: String, path: String)] = [
        ("example-node-linux-amd64.tar", "dist/example-node-linux-amd64.tar"),
        ("example-node", "dist/example-node"),
    ]
    /// The file the tampered disclosure changes one byte of.
    static let tamperedFile = "src/node.sh"
}
