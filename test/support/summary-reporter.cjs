// Ends every test run with one plain line, "Rally tests: N passed, N failed, N skipped", that CI can read, preceded
// by why tests were not run when a service was missing (test/support/test-services.mjs sets RALLY_TESTS_NOT_RUN).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A suite that could not run (error in its setup, or after its tests) has no failed test but is a failure.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const notRun = (process.env.RALLY_TESTS_NOT_RUN ?? '').split('\n').filter(Boolean);
    if (skipped > 0 && notRun.length > 0)
      process.stdout.write(`\nNot run:\n${notRun.map((r) => `  - ${r}`).join('\n')}\n`);
    process.stdout.write(`\nRally tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
