// jest globalTeardown: stops the embedded PostgreSQL the setup may have started (test/support/test-services.mjs).
export { teardown as default } from './test-services.mjs';
