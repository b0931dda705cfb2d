import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SummaryReporter = require('../support/summary-reporter.cjs') as new () => {
  onRunComplete(contexts: unknown, results: Record<string, number>): void;
};

describe('CI summary line', () => {
  const summary = (results: Record<string, number>): string => {
    let written = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => ((written += chunk), true)) as typeof process.stdout.write;
    try {
      new SummaryReporter().onRunComplete(new Set(), {
        numPassedTests: 0,
        numFailedTests: 0,
        numPendingTests: 0,
        numTodoTests: 0,
        numRuntimeErrorTestSuites: 0,
        ...results,
      });
    } finally {
      process.stdout.write = write;
    }
    return written.trim();
  };

  it('counts passed, failed and skipped tests', () => {
    expect(summary({ numPassedTests: 5, numFailedTests: 1, numPendingTests: 2 })).toBe(
      'Rally tests: 5 passed, 1 failed, 2 skipped',
    );
  });

  it('counts a suite that failed to run (an error before or between its tests) as a failure, never "0 failed"', () => {
    expect(summary({ numPassedTests: 165, numRuntimeErrorTestSuites: 1 })).toBe(
      'Rally tests: 165 passed, 1 failed, 0 skipped',
    );
  });
});
