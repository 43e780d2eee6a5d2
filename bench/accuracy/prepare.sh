# Sourced by bench/accuracy/run.sh and bench/pipeline/run.sh, with $root set to the checkout:
# extracts the corpus unless it is there, compiles the ejb module with its tests, and sets
# $corpus_dir (a directory with ham/ and spam/), $bench_java (the java command with the test
# class path) and $bench_target (where results are written). See bench/README.md.

corpus_archive=${CORPUS_ARCHIVE:-/work/shared/corpus/spamassassin-public.tar.gz}
bench_target=$root/bench/target
corpus_dir=$bench_target/corpus/spamassassin-public
classpath_file=$root/ejb/target/bench-classpath.txt

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
