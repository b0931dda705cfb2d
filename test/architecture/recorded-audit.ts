import { relative } from 'node:path';
import ts from 'typescript';

/** One `AuditLog.record(auth, entry)` call: what it can write, or why that cannot be read from the code. */
export interface RecordedAudit {
  /** `libs/<library>/...` -> the library; anything else is reported by its path. */
  library: string | null;
  at: string;
  actions: string[] | null;
  objectTypes: string[] | null;
}

/**
 * Every value an expression can take when the code alone decides it: a string literal, a ternary of such, a template
 * literal whose parts are typed as unions of literals (`petition.${PetitionAction}`), or anything else whose type is
 * a union of string literals. null when it is a plain `string` (the test then names the line to type).
 */
function valuesOf(checker: ts.TypeChecker, e: ts.Expression): string[] | null {
  if (ts.isStringLiteralLike(e)) return [e.text];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))
    return valuesOf(checker, e.expression);
  if (ts.isConditionalExpression(e)) {
    const [yes, no] = [valuesOf(checker, e.whenTrue), valuesOf(checker, e.whenFalse)];
    return yes && no ? [...yes, ...no] : null;
  }
  if (ts.isTemplateExpression(e)) {
    let out = [e.head.text];
    for (const span of e.templateSpans) {
      const part = valuesOf(checker, span.expression);
      if (!part) return null;
      out = out.flatMap((start) => part.map((p) => `${start}${p}${span.literal.text}`));
    }
    return out;
  }
  const type = checker.getTypeAtLocation(e);
  const members = type.isUnion() ? type.types : [type];
  return members.every((m) => m.isStringLiteral()) ? members.map((m) => (m as ts.StringLiteralType).value) : null;
}

/** Reads every audit entry the program's files record, through the type checker (the receiver must be an AuditLog). */
export function recordedAudit(program: ts.Program, root: string): RecordedAudit[] {
  const checker = program.getTypeChecker();
  const out: RecordedAudit[] = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
    const path = relative(root, file.fileName);
    const library = /^libs\/([^/]+)\//.exec(path)?.[1] ?? null;
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'record' &&
        checker.getTypeAtLocation(node.expression.expression).getSymbol()?.getName() === 'AuditLog'
      ) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        const entry = node.arguments[1];
        const field = (name: string): string[] | null => {
          if (!entry || !ts.isObjectLiteralExpression(entry)) return null;
          const property = entry.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === name);
          if (property && ts.isPropertyAssignment(property)) return valuesOf(checker, property.initializer);
          if (property && ts.isShorthandPropertyAssignment(property)) return valuesOf(checker, property.name);
          return null;
        };
        out.push({ library, at: `${path}:${line + 1}`, actions: field('action'), objectTypes: field('objectType') });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return out;
}

/** The shipped code as `npm run build:server` compiles it (tsconfig.build.json: no specs, no test helpers). */
export function shippedProgram(root: string): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    `${root}/tsconfig.build.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  return ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
}
