import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { RALLY_AUDIT, RALLY_LIBRARIES } from '#rally/schema';
import type { RecordedAudit } from './recorded-audit.js';
import { recordedAudit, shippedProgram } from './recorded-audit.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** A program of one in-memory file under libs/demo/src/, for proving what the reader understands. */
function programOf(source: string): ts.Program {
  const name = `${ROOT}/libs/demo/src/demo.service.ts`;
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, version, ...rest) =>
    file === name ? ts.createSourceFile(file, source, version) : getSourceFile.call(host, file, version, ...rest);
  host.fileExists = (file) => file === name || fileExists.call(host, file);
  host.readFile = (file) => (file === name ? source : readFile.call(host, file));
  const program = ts.createProgram([name], options, host);
  // A fixture that does not compile would prove nothing about what the checker reads.
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  if (errors.length > 0) throw new Error(`the fixture does not compile: ${errors.join('; ')}`);
  return program;
}

const FIXTURE_HEAD = `
  class AuditLog { record(_auth: unknown, _entry: { action: string; objectType: string }): void {} }
  class Other { record(_auth: unknown, _entry: { action: string; objectType: string }): void {} }
  declare const audit: AuditLog;
  declare const other: Other;
  type Move = 'open' | 'close';
  const EVENTS = { changed: 'demo.change', proposed: 'demo.propose' } as const;
`;

describe('the audit actions each library declares (`<lib>.audit.ts`)', () => {
  let recorded: RecordedAudit[];
  beforeAll(() => {
    recorded = recordedAudit(shippedProgram(ROOT), ROOT);
  });

  it('reads literals, ternaries, typed template literals and unions, and refuses a plain string', () => {
    const read = (body: string): RecordedAudit[] => recordedAudit(programOf(FIXTURE_HEAD + body), ROOT);
    expect(read(`audit.record(null, { action: 'demo.create', objectType: 'demo' });`)).toEqual([
      { library: 'demo', at: 'libs/demo/src/demo.service.ts:8', actions: ['demo.create'], objectTypes: ['demo'] },
    ]);
    expect(
      read(`
        declare const move: Move; declare const done: boolean; declare const happened: keyof typeof EVENTS;
        audit.record(null, { action: \`demo.\${move}\`, objectType: 'demo' });
        audit.record(null, { action: done ? 'demo.done' : 'demo.undone', objectType: 'demo' });
        audit.record(null, { action: EVENTS[happened], objectType: 'demo' });
        const by = (action: \`demo.\${'a' | 'b'}\`) => audit.record(null, { action, objectType: 'demo' });
        other.record(null, { action: 'not.audit', objectType: 'other' });
        const notAnEntry = { action: 'not.audit', objectType: 'other' };
      `).map((r) => r.actions),
    ).toEqual([
      ['demo.open', 'demo.close'],
      ['demo.done', 'demo.undone'],
      ['demo.change', 'demo.propose'],
      ['demo.a', 'demo.b'],
    ]);
    expect(
      read(`
        declare const name: string; declare const entry: { action: string; objectType: string };
        audit.record(null, { action: \`demo.\${name}\`, objectType: 'demo' });
        audit.record(null, entry);
      `).map((r) => [r.actions, r.objectTypes]),
    ).toEqual([
      [null, ['demo']],
      [null, null],
    ]);
  });

  it('finds every action and object type a call records in the code (no plain `string` values)', () => {
    const unreadable = recorded
      .filter((r) => !r.actions || !r.objectTypes)
      .map((r) => `${r.at}: pass an object literal whose action and objectType are literals or unions of literals`);
    expect(unreadable).toEqual([]);
    expect(recorded.filter((r) => !r.library).map((r) => `${r.at}: audit entries are recorded by a library`)).toEqual(
      [],
    );
  });

  it.each(RALLY_LIBRARIES.map((l) => [l.name]))('%s declares exactly what it records', (name) => {
    const declared = RALLY_LIBRARIES.find((l) => l.name === name)?.audit ?? { actions: [], objectTypes: [] };
    const mine = recorded.filter((r) => r.library === name);
    const actions = new Set(mine.flatMap((r) => r.actions ?? []));
    const objectTypes = new Set(mine.flatMap((r) => r.objectTypes ?? []));
    expect({
      recordedButNotDeclared: {
        actions: [...actions].filter((a) => !declared.actions.includes(a)).sort(),
        objectTypes: [...objectTypes].filter((o) => !declared.objectTypes.includes(o)).sort(),
      },
      declaredButNeverRecorded: {
        actions: declared.actions.filter((a) => !actions.has(a)),
        objectTypes: declared.objectTypes.filter((o) => !objectTypes.has(o)),
      },
    }).toEqual({
      recordedButNotDeclared: { actions: [], objectTypes: [] },
      declaredButNeverRecorded: { actions: [], objectTypes: [] },
    });
  });

  it('gives each action to one library, once (the console lists and labels each once)', () => {
    const actions = RALLY_AUDIT.flatMap((l) => l.actions.map((a) => `${l.library}: ${a}`));
    const names = actions.map((a) => a.split(': ')[1]);
    expect(actions.filter((_, i) => names.indexOf(names[i]) !== i)).toEqual([]);
    // The staff API's filter accepts lower-case letters, digits, dots and dashes (AuditQueryDto).
    expect(names.filter((a) => !/^[a-z0-9.-]{1,80}$/.test(a))).toEqual([]);
  });
});
