#!/usr/bin/env bash
# Accuracy of the bayes scanner alone on the SpamAssassin public corpus: trains on one half,
# measures on the other, prints spam caught and ham held. See bench/README.md, "Accuracy".
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
corpus_archive=${CORPUS_ARCHIVE:-/work/shared/corpus/spamassassin-public.tar.gz}
corpus=$root/bench/target/corpus
classpath_file=$root/ejb/target/bench-classpath.txt

if [ ! -d "$corpus/spamassassin-public/spam" ]; then
    echo "Extracting $corpus_archive to $corpus" >&2
    mkdir -p "$corpus"
    tar -xzf "$corpus_archive" -C "$corpus"
fi

cd "$root"
# MAVEN_ARGS may drop -o (offline) when the local repository lacks something.
mvn -q -B ${MAVEN_ARGS:--o} -pl ejb test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

exec java ${BENCH_JAVA_OPTS:--Xmx1g} \
    -cp "$root/ejb/target/classes:$root/ejb/target/test-classes:$(cat "$classpath_file")" \
    org.filtermx.infrastructure.filter.bayes.AccuracyBenchmark "$corpus/spamassassin-public"
