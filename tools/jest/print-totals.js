// Prints the closing line of the test command from Jest's JSON report: `N passed, N failed`
// (and `, N skipped` when any were skipped), alone on its line.
const { readFileSync } = require('node:fs');

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`print-totals: cannot read the Jest report ${file}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// A suite that failed to load (syntax error, failing beforeAll) has no test results: count it as failed.
const brokenSuites = report.testResults.filter(
  (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
).length;
const failed = report.numFailedTests + brokenSuites;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
