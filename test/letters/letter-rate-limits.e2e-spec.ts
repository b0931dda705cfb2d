import { Role } from '#rally/access';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aLetterAction, aLetterForm } from '#rally-testing/letters';
import { aTarget } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { postLetterForm, postLetterJson } from './letter-helpers.js';

describe('letter page abuse limits', () => {
  let rally: RallyHarness;
  let slug: string;
  beforeAll(async () => {
    rally = await startRally({
      worker: false,
      env: { LETTER_RATE_IP_PER_MINUTE: '2', LETTER_RATE_IP_PER_HOUR: '100' },
    });
    const staff = await createOrgWithMember(rally, { role: Role.Campaigner });
    await aTarget(rally, staff, { country: 'MT', language: 'en' });
    slug = (await aLetterAction(rally, staff, { routing: { mode: 'country' } })).slug;
  });
  afterAll(() => rally.close());

  it('lets an IP send twice a minute, then answers 429 with Retry-After; the form keeps what was typed', async () => {
    for (let i = 0; i < 2; i += 1)
      expect((await postLetterJson(rally, slug, 'send', aLetterForm({ country: 'MT' }))).status).toBe(202);
    const refused = await postLetterJson(rally, slug, 'send', aLetterForm({ country: 'MT' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await postLetterForm(rally, slug, 'send', aLetterForm({ country: 'MT', email: 'kept@example.org' }));
    expect(page.status).toBe(429);
    const html = await page.text();
    expect(html).toContain('Too many letters were sent from your connection');
    expect(html).toContain('value="kept@example.org"');
  });

  it('allows five previews per allowed send, then refuses them too', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 11; i += 1)
      answers.push((await postLetterJson(rally, slug, 'preview', aLetterForm({ country: 'MT' }))).status);
    expect(answers.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(answers[10]).toBe(429);
  });
});
