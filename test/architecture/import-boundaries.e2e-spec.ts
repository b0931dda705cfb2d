import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

// The layer diagram (apps -> schema -> feature libraries -> access -> mail -> core) is enforced by lint: prove each
// rule bites, and that the allowed directions pass.
describe('import boundaries', () => {
  const cwd = fileURLToPath(new URL('../../', import.meta.url));
  const eslint = new ESLint({ cwd });
  const errorsFor = async (filePath: string, code: string): Promise<string> => {
    const [result] = await eslint.lintText(code, { filePath: `${cwd}${filePath}` });
    return result.messages
      .filter((m) => m.severity === 2)
      .map((m) => `${m.ruleId}: ${m.message}`)
      .join('\n');
  };
  const importing = (what: string, from: string): string =>
    `import { ${what} } from '${from}';\nexport const x = ${what};\n`;

  it.each([
    [
      'core importing mail',
      'libs/core/src/x.ts',
      importing('MailService', '#rally/mail'),
      /core may import only nothing of Rally/,
    ],
    [
      'mail importing access',
      'libs/mail/src/x.ts',
      importing('AuditLog', '#rally/access'),
      /mail may import only #rally\/core/,
    ],
    [
      'access importing a feature',
      'libs/access/src/x.ts',
      importing('PetitionService', '#rally/petitions'),
      /access may import only #rally\/core, #rally\/mail/,
    ],
    [
      'a feature importing schema',
      'libs/petitions/src/x.ts',
      importing('RALLY_ENTITIES', '#rally/schema'),
      /petitions may import only/,
    ],
    [
      "a feature importing another one's internals",
      'libs/petitions/src/x.ts',
      importing('CampaignService', '../../campaigns/src/campaign.service.js'),
      /through its #rally\/<lib> entry point/,
    ],
    [
      'a feature reaching past an entry point',
      'libs/petitions/src/staff/x.ts',
      importing('Campaign', '#rally/campaigns/entities'),
      /petitions may import only/,
    ],
    [
      'a library importing apps',
      'libs/mail/src/x.ts',
      importing('ApiModule', '../../../apps/api/src/api.module.js'),
      /libs must not import apps/,
    ],
    [
      'shipped code importing test helpers',
      'libs/petitions/src/x.ts',
      importing('aPetition', '#rally-testing/petitions'),
      /test helpers .* are for tests only/,
    ],
  ])('refuses %s', async (_what, file, code, message) => {
    expect(await errorsFor(file, code)).toMatch(message);
  });

  it.each([
    ['mail importing core', 'libs/mail/src/x.ts', importing('JobQueue', '#rally/core')],
    ['access importing mail', 'libs/access/src/x.ts', importing('MailService', '#rally/mail')],
    [
      'a feature importing access and another feature',
      'libs/petitions/src/x.ts',
      `${importing('AuditLog', '#rally/access')}import { CampaignService } from '#rally/campaigns';\nexport const y = CampaignService;\n`,
    ],
    ['schema importing a feature', 'libs/schema/src/x.ts', importing('PETITIONS_LIBRARY', '#rally/petitions')],
    [
      'a spec importing test helpers',
      'libs/petitions/src/x.spec.ts',
      importing('aPetition', '#rally-testing/petitions'),
    ],
  ])('allows %s', async (_what, file, code) => {
    expect(await errorsFor(file, code)).toBe('');
  });
});
