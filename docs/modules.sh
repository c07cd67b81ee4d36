#!/usr/bin/env bash
# Draws docs/modules.svg, the module structure, from the build itself: Maven's dependency tree
# (dev.vent artifacts only) as Graphviz dot, merged into one graph and rendered with `dot`.
# Needs Maven and Graphviz (Debian: apt-get install graphviz). Run from anywhere:
#   docs/modules.sh            (add -o to Maven's flags with VENT_MVN_FLAGS=-o when offline)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trees="$(mktemp)"
trap 'rm -f "$trees"' EXIT

# shellcheck disable=SC2086 # VENT_MVN_FLAGS holds separate flags on purpose.
mvn -B -q ${VENT_MVN_FLAGS:-} -f "$root/pom.xml" dependency:tree \
  -DoutputType=dot -Dincludes=dev.vent -DoutputFile="$trees" -DappendOutput=true

# Each line "a" -> "b:scope" becomes one edge between artifactIds; test-scope edges are dashed.
{
  echo 'digraph modules {'
  echo '  rankdir=BT; node [shape=box, style=rounded, fontname="Helvetica"];'
  echo '  edge [fontname="Helvetica", fontsize=10];'
  grep -- '->' "$trees" | awk -F'"' '{
    split($2, from, ":"); split($4, to, ":");
    scope = to[length(to)];
    style = (scope == "test") ? " [style=dashed, label=\"test\"]" : "";
    print "  \"" from[2] "\" -> \"" to[2] "\"" style ";"
  }' | sort -u
  echo '}'
} > "$root/docs/modules.dot"

dot -Tsvg "$root/docs/modules.dot" -o "$root/docs/modules.svg"
echo "wrote docs/modules.dot and docs/modules.svg"
