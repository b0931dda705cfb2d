import { createTestDatabase, type TestDatabase } from '#rally-testing/core';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { cleanEnv, runBuilt } from '../support/processes.js';

// Captured mail holds password-reset and invitation links: whoever reads /dev/mailbox can take over accounts.
describe('the local mailbox is never exposed', () => {
  it('refuses capture mode in production: the api exits 78 naming SMTP_URL', async () => {
    const db: TestDatabase = await createTestDatabase();
    try {
      const api = runBuilt(
        'apps/api/src/main.js',
        [],
        cleanEnv({ NODE_ENV: 'production', DATABASE_URL: db.url, PORT: '0' }),
      );
      expect((await api.exited).code).toBe(78);
      expect(api.output()).toContain('SMTP_URL must be set when NODE_ENV=production');
    } finally {
      await db.drop();
    }
  });

  describe.each([
    ['127.0.0.1', 200],
    ['0.0.0.0', 404],
  ])('in capture mode with HOST=%s', (host, status) => {
    let rally: RallyHarness;
    beforeAll(async () => {
      // The harness itself always listens on loopback; HOST is what the api decides from.
      rally = await startRally({ mail: 'capture', worker: false, env: { HOST: host } });
    });
    afterAll(() => rally.close());

    it(`answers /dev/mailbox with ${status}`, async () => {
      expect((await fetch(`${rally.baseUrl}/dev/mailbox`)).status).toBe(status);
      expect((await fetch(`${rally.baseUrl}/dev/mailbox/messages`)).status).toBe(status);
    });
  });
});
