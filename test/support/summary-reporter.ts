// Ends every test run with one plain line, `tests: N passed, N failed, N skipped`, that any CI can read.
// A test file that fails before its tests run (an import or syntax error, a failing hook) has no test
// results of its own, so it counts as one failure: otherwise a broken file would read as "0 failed".
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestCaseResult(testCase: TestCase): void {
    const state = testCase.result().state;
    if (state === 'passed') {
      this.passed += 1;
    } else if (state === 'failed') {
      this.failed += 1;
    } else {
      this.skipped += 1;
    }
  }

  onTestRunEnd(modules: readonly TestModule[], errors: readonly unknown[]): void {
    const brokenFiles = modules.filter((m) => m.errors().length > 0).length;
    const failed = this.failed + brokenFiles + errors.length;
    process.stdout.write(`\ntests: ${this.passed} passed, ${failed} failed, ${this.skipped} skipped\n`);
  }
}
