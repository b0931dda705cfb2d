import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aLetterForm } from '#rally-testing/letters';
import { DEMO_LETTER_SLUG, DEMO_PETITION_SLUG, seedDemoContent } from '../../apps/cli/src/demo-content.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { confirmLink, postLetterJson, pressConfirm } from './letter-helpers.js';

/** What `npm start` prints a first visitor: the demo's letter page must route, send and deliver. */
describe('the demo content', () => {
  let rally: RallyHarness;
  beforeAll(async () => {
    rally = await startRally({ env: { LETTER_DISPATCH_MS: '200' } });
    const owner = await createOrgWithMember(rally, { role: Role.Admin });
    await seedDemoContent(rally.api.get<DataSource>(getDataSourceToken()), owner.organisation.id);
  });
  afterAll(() => rally.close());

  it('has an open petition and a letter action that writes to the minister responsible for migration', async () => {
    expect((await fetch(`${rally.baseUrl}/p/${DEMO_PETITION_SLUG}`)).status).toBe(200);
    const page = await fetch(`${rally.baseUrl}/l/${DEMO_LETTER_SLUG}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('The UN Global Study on Children Deprived of Liberty found');

    const form = aLetterForm({ country: 'FR' });
    const preview = (await (await postLetterJson(rally, DEMO_LETTER_SLUG, 'preview', form)).json()) as {
      letters: { to: string }[];
    };
    expect(preview.letters.map((l) => l.to)).toEqual(['Ministry of the Interior']);
    expect((await postLetterJson(rally, DEMO_LETTER_SLUG, 'send', form)).status).toBe(202);
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === form.email);
    await pressConfirm(confirmLink(mail!));
    const [letter] = await rally.smtp!.waitFor(1, (m) => m.to === 'minister@interior.demo.example.gov');
    expect(letter!.text).toContain('Dear Minister,');
    expect(letter!.text).toContain('Amina Kone');
  });
});
