// Checks the fresh user project's build (build.log and target/) against what a user of the plugin expects:
// main and test classes instrumented at build time, the JUnit test passed, the greenlet program ran under
// exec:exec and exec:java, no JVM waited for a thread it did not ask for, and nothing printed a warning; then,
// in the second build (invoker.properties), that a greenlet's failure ends a fail-fast program, non-zero.

import java.time.Duration
import java.time.LocalTime

List<String> log = new File(basedir, 'build.log').readLines('UTF-8')
List<String> failures = []

// build.log holds both builds; each starts by scanning for projects.
def buildStart = { int from -> log.findIndexOf(from) { it.contains('[INFO] Scanning for projects...') } }
int second = buildStart(buildStart(0) + 1)
List<String> lines = second < 0 ? log : log.subList(0, second)
List<String> failFast = second < 0 ? [] : log.subList(second, log.size())

// The lines a goal printed: from its header to the next goal's header or the build result (included).
def goalOutput = { String header ->
    int start = lines.findIndexOf { it.contains(header) }
    if (start < 0) {
        return null
    }
    int end = lines.findIndexOf(start + 1) { it ==~ /.*\[INFO\] (--- .* ---|BUILD \w+)$/ }
    lines.subList(start + 1, end < 0 ? lines.size() : end + 1)
}

// Build-time instrumentation: the goals ran, and the class files carry Quasar's @Instrumented.
String instrumented = 'Lco/paralleluniverse/fibers/Instrumented;'
['target/classes/io/greenhouse/it/hello/Hello.class', 'target/classes/io/greenhouse/it/hello/FailFast.class',
 'target/test-classes/io/greenhouse/it/hello/HelloTest.class'].each {
    File file = new File(basedir, it)
    if (!file.isFile()) {
        failures << "${it} was not compiled"
    } else if (!new String(file.bytes, 'ISO-8859-1').contains(instrumented)) {
        failures << "${it} is not instrumented"
    }
}
['classes': '2 classes', 'test-classes': '1 class'].each { dir, count ->
    if (!lines.any { it ==~ /.*\[INFO\] Instrumented ${count} in .*target[\/\\]${dir}/ }) {
        failures << "the log does not say that ${count} were instrumented in target/${dir}"
    }
}

// The JUnit 5 test ran under the agent and passed.
if (!lines.any { it.contains('argLine set to -javaagent:') && it.contains('--add-opens java.base/java.lang=ALL-UNNAMED') }) {
    failures << 'prepare-agent did not set argLine to the agent and the opens'
}
List<String> tests = goalOutput('maven-surefire-plugin:') ?: []
if (!tests.any { it.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') }) {
    failures << 'surefire did not report 1 test run and passed'
}

// The program, once per exec goal: its greenlets' output in order, then how the JVM ends.
List<String> expected = ['working 0', 'I run while the worker sleeps', 'working 1', 'working 2']
def timestamp = ~/^(\d\d:\d\d:\d\d\.\d\d\d) \[.*/
Map<String, List<String>> runs = ['exec', 'java'].collectEntries { [(it): goalOutput(":${it} (default-cli)")] }
runs.each { goal, output ->
    if (output == null) {
        failures << "exec:${goal} did not run"
        return
    }
    List<String> greenlets = output.findAll { expected.contains(it) }
    if (greenlets != expected) {
        failures << "exec:${goal} printed ${greenlets}, not ${expected}"
    }
    String holders = output.find { it.startsWith('threads that hold the JVM at exit: ') }
    if (holders != 'threads that hold the JVM at exit: []') {
        failures << "exec:${goal}: ${holders ?: 'no thread report'}"
    }
    int returned = output.findIndexOf { it.startsWith('main returns at ') }
    int next = returned < 0 ? -1 : output.findIndexOf(returned) { it ==~ timestamp }
    if (next < 0) {
        failures << "exec:${goal}: no time at which main returned, or no log line after it"
        return
    }
    LocalTime mainReturned = LocalTime.parse(output[returned] - 'main returns at ')
    LocalTime goalEnded = LocalTime.parse((output[next] =~ timestamp)[0][1])
    long millis = Duration.between(mainReturned, goalEnded).toMillis()
    millis = millis < 0 ? millis + Duration.ofDays(1).toMillis() : millis
    println "exec:${goal}: the goal ended ${millis} ms after main returned"
    if (millis > 1000) {
        failures << "exec:${goal}: the goal ended ${millis} ms after main returned (at most 1000)"
    }
}

// No warnings: none from Maven or the plugins anywhere, none from the JVMs that run the test and the
// program (Maven's own JVM may warn about itself before the build starts), Quasar's included.
lines.findAll { it.contains('[WARNING]') || it.contains('[ERROR]') }.each { failures << "warning: ${it}" }
(tests + runs.values().findAll { it != null }.flatten()).each { String line ->
    if (line.contains('QUASAR WARNING') || line.contains('[quasar]')) {
        failures << "Quasar warning: ${line}"
    } else if (line.contains('WARNING') && !line.contains('[WARNING]')) {
        failures << "warning: ${line}"
    }
}

// The fail-fast build: the program's greenlet throws while main pauses for 60 s; with
// -Dio.greenhouse.failFast=true the exception ends the pause and main, so the JVM exits with status 1.
if (second < 0) {
    failures << 'the fail-fast build did not run'
} else {
    if (!failFast.any { it.contains('Exception in thread "main" java.lang.IllegalStateException: a greenlet failed') }) {
        failures << 'fail-fast: main did not end with the greenlet\'s IllegalStateException'
    }
    if (!failFast.any { it.contains('Process exited with an error: 1') }) {
        failures << 'fail-fast: the program did not exit with status 1'
    }
    if (failFast.any { it.contains('the pause outlived the failed greenlet') }) {
        failures << 'fail-fast: main\'s pause went on after the greenlet failed'
    }
    if (failFast.any { it.contains('no exception handler is registered') }) {
        failures << 'fail-fast: the failure was logged instead of thrown'
    }
}

if (failures) {
    throw new AssertionError('the user project did not build and run as expected:\n  ' + failures.join('\n  '))
}
println 'user project: instrumented, tested and run as expected'
