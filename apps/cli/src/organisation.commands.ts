import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { DomainException, resolveDatabase } from '#rally/core';
import { createOrganisationWithAdmin, ORGANISATIONS_CONFIG, seedDemoOrganisation } from '#rally/organisations';
import { migrateRallyDatabase, rallyDataSourceOptions } from '#rally/schema';
import type { CliCommand } from './commands.js';
import type { FirstRunHook } from './first-run.js';
import { DEMO_LETTER_SLUG, DEMO_PETITION_SLUG, seedDemoContent } from './demo-content.js';

async function withDataSource<T>(url: string, work: (db: DataSource) => Promise<T>): Promise<T> {
  const db = new DataSource(await rallyDataSourceOptions(url, 2));
  await db.initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const USAGE =
  'npm run rally -- create-admin --org-name "Child Rights Now" --slug crn --country FR --time-zone Europe/Paris --language fr --email you@example.org --name "Your Name" [--sending-address campaigns@example.org]';

/** Creates an organisation and its first admin on a real deployment; prints a generated password once. */
export const createAdminCommand: CliCommand = {
  summary: 'Create an organisation and its admin: create-admin --org-name ... --slug ... --email ... (see --help)',
  async run(config: RallyConfig, args: string[]) {
    const { values } = parseArgs({
      args,
      options: {
        'org-name': { type: 'string' },
        slug: { type: 'string' },
        country: { type: 'string' },
        'time-zone': { type: 'string', default: 'UTC' },
        language: { type: 'string', default: 'en' },
        'sending-address': { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    const required = ['org-name', 'slug', 'country', 'email', 'name'] as const;
    const missing = required.filter((k) => !values[k]);
    if (values.help || missing.length > 0) {
      process.stdout.write(
        `${missing.length ? `Missing: ${missing.map((m) => `--${m}`).join(', ')}\n` : ''}Usage: ${USAGE}\n`,
      );
      return values.help ? 0 : 64;
    }
    const database = await resolveDatabase(config);
    try {
      await migrateRallyDatabase(database.url);
      const created = await withDataSource(database.url, (db) =>
        createOrganisationWithAdmin(db, {
          organisation: {
            name: values['org-name'] as string,
            slug: values.slug as string,
            country: (values.country as string).toUpperCase(),
            timeZone: values['time-zone'] as string,
            defaultLanguage: values.language as string,
            sendingAddress: values['sending-address'],
          },
          admin: { email: values.email as string, name: values.name as string },
        }),
      );
      process.stdout.write(
        [
          `Created organisation "${created.organisation.name}" (slug ${created.organisation.slug}).`,
          created.password
            ? `Admin login: ${created.user.email} / ${created.password}\nThis password is shown once: sign in and change it.`
            : `${created.user.email} already had an account and is now its admin (password unchanged).`,
        ].join('\n') + '\n',
      );
      return 0;
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      const detail = error.fields
        ? Object.entries(error.fields)
            .map(([f, m]) => `  ${f}: ${m.join('; ')}`)
            .join('\n')
        : '';
      process.stderr.write(`${error.message}\n${detail}${detail ? '\n' : ''}`);
      return 65;
    } finally {
      await database.stop();
    }
  },
};

/** `npm start`: seeds the demo organisation the first time and prints its login; later starts print nothing. */
export const demoSeedHook: FirstRunHook = async (config, databaseUrl) => {
  if (!config.section(ORGANISATIONS_CONFIG).demoSeed) return [];
  const seeded = await withDataSource(databaseUrl, async (db) => {
    const created = await seedDemoOrganisation(db);
    if (created) await seedDemoContent(db, created.organisation.id);
    return created;
  });
  if (!seeded?.password) return [];
  return [
    '',
    `  Demo organisation:      ${seeded.organisation.name} (slug ${seeded.organisation.slug})`,
    `  Demo letter action:     ${config.http.publicUrl}/l/${DEMO_LETTER_SLUG}   (petition: ${config.http.publicUrl}/p/${DEMO_PETITION_SLUG})`,
    `  Demo admin login:       ${seeded.user.email} / ${seeded.password}   (sign in at ${config.http.publicUrl}/console)`,
    `                          (shown this once; if lost: ${config.http.publicUrl}/console/forgot-password, the link arrives in the mailbox)`,
  ];
};
