import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

// The dependency direction (apps -> schema -> features -> core) is enforced by lint; prove the rules bite.
describe('import boundaries', () => {
  const cwd = fileURLToPath(new URL('../../', import.meta.url));
  const eslint = new ESLint({ cwd });
  const errorsFor = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: `${cwd}${filePath}` });
    return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('core may not import a feature lib', async () => {
    const errors = await errorsFor(
      'libs/core/src/x.ts',
      "import { MailService } from '#rally/mail';\nexport const x = MailService;\n",
    );
    expect(errors.join('\n')).toMatch(/core is infrastructure only/);
  });

  it('a feature lib may not import apps or the schema lib', async () => {
    const toApps = await errorsFor(
      'libs/mail/src/x.ts',
      "import { ApiModule } from '../../../apps/api/src/api.module.js';\nexport const x = ApiModule;\n",
    );
    expect(toApps.join('\n')).toMatch(/libs must not import apps/);
    const toSchema = await errorsFor(
      'libs/mail/src/x.ts',
      "import { RALLY_ENTITIES } from '#rally/schema';\nexport const x = RALLY_ENTITIES;\n",
    );
    expect(toSchema.join('\n')).toMatch(/feature libs sit below schema/);
  });

  it('allows the right direction', async () => {
    expect(
      await errorsFor('libs/mail/src/x.ts', "import { JobQueue } from '#rally/core';\nexport const x = JobQueue;\n"),
    ).toEqual([]);
  });
});
