/**
 * An open letter action with country routing to two French ministries, each with one active address, no sending
 * window and no caps (throttling off), made through the staff API with the petition setup's signed-in admin.
 */
export async function openLetterAction({ staff, campaignId }) {
  const targets = [];
  for (const [name, body, salutation] of [
    ['Minister of Justice', 'Ministry of Justice', 'Dear Minister'],
    ['Minister of the Interior', 'Ministry of the Interior', 'Dear Minister'],
  ])
    targets.push(
      await staff('POST', '/targets', {
        kind: 'minister',
        name,
        title: name,
        body,
        salutation,
        country: 'FR',
        language: 'en',
        emails: [`${body.toLowerCase().replace(/\W+/g, '-')}@gouv.example.fr`],
      }),
    );
  const action = await staff('POST', '/letter-actions', {
    campaignId,
    slug: 'bench-letter',
    title: 'Write to the ministers',
    language: 'en',
    routing: { mode: 'country' },
    sendingWindow: null,
    hourlyCap: null,
    dailyCap: null,
    template: {
      subjects: ['Children do not belong in detention', 'Please end the detention of children'],
      body:
        '{{target.salutation}},\n\nI am {{supporter.fullName}} from {{supporter.country}}. I ask {{target.body}} to end ' +
        'the detention of children for immigration reasons, as the Global Study on Children Deprived of Liberty ' +
        'recommends.\n\n{{supporter.paragraph}}\n\nYours sincerely,\n{{supporter.fullName}}',
    },
  });
  await staff('POST', `/letter-actions/${action.id}/open`);
  return {
    slug: 'bench-letter',
    actionId: action.id,
    addresses: targets.map((t) => t.emails[0].address),
  };
}
