// Three tiers, one command: unit specs beside the code, integration specs against real Postgres/Redis,
// e2e specs over HTTP with a real SMTP server on loopback. All run on the TypeScript sources through SWC.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

// Node 20 require()s these ESM-only packages from CommonJS dependents (@fastify/static; sanitize-html needs htmlparser2
// 12 and its DOM packages); jest cannot, so compile them to CJS.
const ESM_ONLY_DEPENDENCIES = [
  'content-disposition',
  'htmlparser2',
  'domhandler',
  'domutils',
  'domelementtype',
  'dom-serializer',
  'entities',
];
const swcCommonJs = ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${ESM_ONLY_DEPENDENCIES.join('|')})/.+\\.js$`]: swcCommonJs },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_DEPENDENCIES.join('|')})/)`],
  moduleNameMapper: {
    '^#rally/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^#rally-testing/(.*)$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/var/'],
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  // Finds (or starts) PostgreSQL, Redis and Chromium once, before any test file: see test/support/test-services.mjs.
  globalSetup: '<rootDir>/test/support/test-services.mjs',
  globalTeardown: '<rootDir>/test/support/test-services-teardown.mjs',
  maxWorkers: 2,
  // A worker that ran many files holds their leftovers (one was at 1.9 GB): the 50,000-row import test's memory
  // sampler, which collects garbage many times, then took 488 s there against 33 s in a fresh one. Replaced past this.
  workerIdleMemoryLimit: '768MB',
};
