import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SummaryReporter = require('../support/summary-reporter.cjs') as new () => {
  onRunComplete(contexts: unknown, results: Record<string, number>): void;
};

describe('CI summary line', () => {
  const summary = (results: Record<string, number>): string => {
    // Reasons for tests not run (a missing service this run) are another test's subject.
    const saved = process.env.RALLY_TESTS_NOT_RUN;
    delete process.env.RALLY_TESTS_NOT_RUN;
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
      if (saved !== undefined) process.env.RALLY_TESTS_NOT_RUN = saved;
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

describe('CI summary when services were missing', () => {
  it('says before the summary line why tests did not run, and how to fix it', () => {
    const saved = process.env.RALLY_TESTS_NOT_RUN;
    process.env.RALLY_TESTS_NOT_RUN =
      'tests that need Redis: nothing answered at redis://127.0.0.1:6379. Start Redis: redis-server ...';
    let written = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => ((written += chunk), true)) as typeof process.stdout.write;
    try {
      new SummaryReporter().onRunComplete(new Set(), {
        numPassedTests: 3,
        numFailedTests: 0,
        numPendingTests: 1,
        numTodoTests: 0,
        numRuntimeErrorTestSuites: 0,
      });
    } finally {
      process.stdout.write = write;
      if (saved === undefined) delete process.env.RALLY_TESTS_NOT_RUN;
      else process.env.RALLY_TESTS_NOT_RUN = saved;
    }
    const lines = written.trim().split('\n');
    expect(lines[lines.length - 1]).toBe('Rally tests: 3 passed, 0 failed, 1 skipped');
    expect(written).toContain(
      'Not run:\n  - tests that need Redis: nothing answered at redis://127.0.0.1:6379. Start Redis: redis-server ...',
    );
  });
});
