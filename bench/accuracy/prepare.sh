# Sourced by bench/accuracy/run.sh and bench/pipeline/run.sh, with $root set to the checkout:
# extracts the corpus unless it is there, compiles the ejb module with its tests, and sets
# $corpus_dir (a directory with ham/ and spam/), $modern_dir (the hand-written modern set),
# $bench_java (the java command with the test class path) and $bench_target (where results are
# written). See bench/README.md.

# The public corpus is not part of the repository: it sits beside the checkout (../shared/corpus)
# or wherever CORPUS_ARCHIVE says.
corpus_archive=${CORPUS_ARCHIVE:-$root/../shared/corpus/spamassassin-public.tar.gz}
bench_target=$root/bench/target
corpus_dir=$bench_target/corpus/spamassassin-public
# The team's hand-written held-out set (bench/accuracy/modern/README.md): only ever tested on.
modern_dir=$root/bench/accuracy/modern
classpath_file=$root/ejb/target/bench-classpath.txt

if [ ! -d "$corpus_dir/spam" ] && [ ! -f "$corpus_archive" ]; then
    echo "bench: the corpus benchmarks need the SpamAssassin public corpus, which is not in the" >&2
    echo "  repository: $corpus_archive does not exist. Put spamassassin-public.tar.gz (ham/ and" >&2
    echo "  spam/, one raw message per file) there, or set CORPUS_ARCHIVE to where it is." >&2
    echo "  (The test suite does not need it: its tests generate their own mail.)" >&2
    exit 2
fi
if [ ! -d "$corpus_dir/spam" ]; then
    echo "Extracting $corpus_archive to $bench_target/corpus" >&2
    mkdir -p "$bench_target/corpus"
    tar -xzf "$corpus_archive" -C "$bench_target/corpus"
fi

# MAVEN_ARGS may drop -o (offline) when the local repository lacks something.
(cd "$root" && mvn -q -B ${MAVEN_ARGS:--o} -pl ejb test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file")

bench_java=(java ${BENCH_JAVA_OPTS:--Xmx1g}
    -cp "$root/ejb/target/classes:$root/ejb/target/test-classes:$(cat "$classpath_file")")
