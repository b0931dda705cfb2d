import type { DataSource } from 'typeorm';
import { Campaign } from '#rally/campaigns';
import { LetterAction, LetterTemplate } from '#rally/letters';
import { Petition } from '#rally/petitions';
import { Responsibility, Target, TargetEmail } from '#rally/targets';

/** The demo's public pages: what the launcher prints so a first visitor can act as a supporter straight away. */
export const DEMO_PETITION_SLUG = 'demo-petition';
export const DEMO_LETTER_SLUG = 'demo-letter';

const DEMO_TARGETS = [
  {
    kind: 'ministry',
    name: 'Ministry of the Interior',
    title: 'Minister of the Interior',
    body: 'Ministry of the Interior',
    salutation: 'Dear Minister',
    address: 'minister@interior.demo.example.gov',
    focusAreas: ['migration', 'national-security'],
  },
  {
    kind: 'ministry',
    name: 'Ministry of Justice',
    title: 'Minister of Justice',
    body: 'Ministry of Justice',
    salutation: 'Dear Minister',
    address: 'minister@justice.demo.example.gov',
    focusAreas: ['administration-of-justice', 'children-with-parents-in-prison'],
  },
  {
    kind: 'nhri',
    name: 'National Human Rights Commission',
    title: 'Chair',
    body: 'National Human Rights Commission',
    salutation: 'Dear Chair',
    address: 'chair@nhrc.demo.example.org',
    focusAreas: ['institutions'],
  },
] as const;

const LETTER_EN = {
  subjects: ['Children do not belong in immigration detention', 'Please end the detention of migrant children'],
  body: [
    '{{target.salutation}},',
    '',
    '{{#editable}}The UN Global Study on Children Deprived of Liberty found that immigration detention is never in a',
    "child's best interests. I ask you to end it in law and in practice, and to fund community alternatives.",
    '{{/editable}}',
    '',
    '{{supporter.paragraph}}',
    '',
    'Yours sincerely,',
    '{{supporter.fullName}}',
    '{{supporter.region}} {{supporter.country}}',
  ].join('\n'),
};

const LETTER_FR = {
  subjects: ["Les enfants n'ont pas leur place en rétention administrative"],
  body: [
    '{{target.salutation}},',
    '',
    "{{#editable}}L'Étude mondiale des Nations unies sur les enfants privés de liberté a montré que la rétention n'est",
    "jamais dans l'intérêt supérieur de l'enfant. Je vous demande d'y mettre fin et de financer des alternatives.",
    '{{/editable}}',
    '',
    '{{supporter.paragraph}}',
    '',
    "Je vous prie d'agréer l'expression de ma haute considération,",
    '{{supporter.fullName}}',
  ].join('\n'),
};

/**
 * What the demo organisation starts with, written straight to its tables on first run: a campaign, an open petition,
 * three targets (one responsible for migration), and an open letter action routed by that responsibility, sending at
 * any hour (mail is captured locally in the embedded default, so nothing reaches a real ministry).
 */
export async function seedDemoContent(db: DataSource, organisationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const campaign = await tx.getRepository(Campaign).save({
      organisationId,
      name: 'End child immigration detention',
      description: 'Our push for the recommendations of the UN Global Study on migration-related detention.',
    });
    const petition = await tx.getRepository(Petition).save({
      organisationId,
      campaignId: campaign.id,
      slug: DEMO_PETITION_SLUG,
      title: 'End the detention of migrant children',
      ask: 'We ask the government to end the immigration detention of children in law and in practice.',
      targetDescription: 'The Minister of the Interior',
      goal: 1000,
      milestones: [100, 500],
      language: 'en',
      status: 'open',
      openedAt: new Date(),
    });
    await tx.query(`INSERT INTO petition_counts (petition_id, organization_id) VALUES ($1, $2)`, [
      petition.id,
      organisationId,
    ]);
    const targets: Target[] = [];
    for (const t of DEMO_TARGETS) {
      const target = await tx.getRepository(Target).save({
        organisationId,
        kind: t.kind,
        name: t.name,
        title: t.title,
        body: t.body,
        salutation: t.salutation,
        country: 'FR',
        language: 'en',
        focusAreas: [...t.focusAreas],
      });
      await tx.getRepository(TargetEmail).save({
        organisationId,
        targetId: target.id,
        address: t.address,
        addressNormalized: t.address,
      });
      targets.push(target);
    }
    await tx.getRepository(Responsibility).save({
      organisationId,
      targetId: targets[0]!.id,
      country: 'FR',
      focusArea: 'migration',
      validFrom: '2026-01-01',
      note: 'Immigration detention is the Interior ministry’s.',
    });
    const action = await tx.getRepository(LetterAction).save({
      organisationId,
      campaignId: campaign.id,
      slug: DEMO_LETTER_SLUG,
      title: 'Write to the Minister of the Interior',
      intro:
        'Children are still held in immigration detention. Write to the minister responsible and ask for an end to it.',
      language: 'en',
      status: 'open',
      openedAt: new Date(),
      editable: true,
      routing: {
        mode: 'responsibility',
        targetIds: [],
        kinds: [],
        focusArea: 'migration',
        recommendationCode: null,
        min: 1,
        max: 5,
        sampleSize: 1,
        fallbackTargetId: targets[1]!.id,
        maxTargets: 5,
      },
      sendingWindow: null,
      hourlyCap: 20,
      dailyCap: 150,
    });
    for (const [language, letter] of [
      ['en', LETTER_EN],
      ['fr', LETTER_FR],
    ] as const)
      await tx.getRepository(LetterTemplate).save({ organisationId, actionId: action.id, language, ...letter });
  });
}
