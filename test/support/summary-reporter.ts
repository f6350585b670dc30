// Ends every test run with one plain line, `tests: N passed, N failed, N skipped`, that any CI can read.
import type { Reporter, TestCase } from 'vitest/node';

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

  onTestRunEnd(_modules: unknown, errors: readonly unknown[]): void {
    const failed = this.failed + errors.length;
    process.stdout.write(`\ntests: ${this.passed} passed, ${failed} failed, ${this.skipped} skipped\n`);
  }
}
