import { LETTER_BLOCK_HELPERS, LETTER_COMPILE_OPTIONS, letterHandlebars, lexerLocation } from './letter-handlebars.js';
import { LETTER_MERGE_FIELDS } from './merge-fields.js';
import type { Frame, MergeSchema, Shape } from './template-scope.js';
import { member, notAValue, suggestion } from './template-scope.js';
import { LETTER_LIMITS } from './template-limits.js';
import { describeParseError, TemplateSource } from './template-source.js';

// The few AST shapes the walker reads (Handlebars 4.7), narrower than its own typings.
type Loc = { start: { line: number; column: number }; end: { line: number; column: number } };
interface Node {
  type: string;
  loc: Loc;
}
interface Path {
  type: 'PathExpression';
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
  loc: Loc;
}
interface Expr {
  type: string;
  loc: Loc;
}
interface Hash {
  pairs: { key: string }[];
}
interface Program {
  body: Node[];
  blockParams?: string[];
}
interface Mustache {
  type: 'MustacheStatement';
  path: Expr;
  params: Expr[];
  hash?: Hash;
  loc: Loc;
}
interface Block {
  type: 'BlockStatement';
  path: Expr;
  params: Expr[];
  hash?: Hash;
  program?: Program;
  inverse?: Program;
  loc: Loc;
}

/** One thing wrong with a template: its field (`body`, `subjects.2`, `subjects`: dotted like the validation pipe names nested fields) and, when it has one, its place. */
export interface LetterTemplateProblem {
  field: string;
  /** 1-based; absent for a problem of the whole field (empty, missing editable block). */
  line?: number;
  /** 1-based, in UTF-16 code units like the console's editor. */
  column?: number;
  message: string;
}

export interface LetterTemplateInput {
  subjects: readonly string[];
  body: string;
  /** The action lets the supporter rewrite the `{{#editable}}` part. */
  editable: boolean;
}

// Names every object inherits: refused by name, so the message says why rather than "unknown field".
const PROTOTYPE_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'constructor']);
const REFUSED_HELPERS = new Set(['lookup', 'log', 'helperMissing', 'blockHelperMissing']);
const DATA_VARIABLES = new Set(['index', 'first', 'last']);

/** What a kind of template may name: its merge fields, those a subject line may use, those the editable part may use. */
export interface TemplateRules {
  readonly schema: MergeSchema;
  readonly subjectGroups: readonly string[];
  readonly editableGroups: readonly string[];
}

export const LETTER_TEMPLATE_RULES: TemplateRules = {
  schema: LETTER_MERGE_FIELDS,
  subjectGroups: ['supporter', 'target', 'campaign', 'organisation'],
  // The editable part is on the public page before anyone has typed a name or been routed to a target.
  editableGroups: ['campaign', 'organisation', 'recommendations'],
};
const BLOCKS = new Set<string>(LETTER_BLOCK_HELPERS);

interface Scope {
  frames: Frame[];
  nesting: number;
  inEach: boolean;
  inEditable: boolean;
}
interface Resolved {
  shape: Shape;
  path: string[];
  data: boolean;
}

/** Every problem with a template, at save: an empty list means it may be stored and rendered. */
export function checkLetterTemplate(input: LetterTemplateInput): LetterTemplateProblem[] {
  const problems: LetterTemplateProblem[] = [];
  const subjects: readonly unknown[] = Array.isArray(input.subjects) ? input.subjects : [];
  if (subjects.length === 0) problems.push({ field: 'subjects', message: 'a letter needs at least one subject line' });
  if (subjects.length > LETTER_LIMITS.subjects) {
    problems.push({ field: 'subjects', message: `a letter has at most ${LETTER_LIMITS.subjects} subject lines` });
  }
  subjects.slice(0, LETTER_LIMITS.subjects).forEach((s, i) => problems.push(...checkSubjectSource(s, `subjects.${i}`)));
  problems.push(...checkBodySource(input.body, input.editable));
  return problems;
}

export function checkSubjectSource(
  source: unknown,
  field: string,
  rules: TemplateRules = LETTER_TEMPLATE_RULES,
): LetterTemplateProblem[] {
  if (typeof source !== 'string') return [{ field, message: 'must be text' }];
  if (!source.trim()) return [{ field, message: 'is empty' }];
  const text = new TemplateSource(source);
  if (source.length > LETTER_LIMITS.subjectChars) {
    const message = `is longer than ${LETTER_LIMITS.subjectChars} characters`;
    return [{ field, ...text.positionOf(LETTER_LIMITS.subjectChars), message }];
  }
  const lineBreak = /[\r\n]/.exec(source);
  if (lineBreak) return [{ field, ...text.positionOf(lineBreak.index), message: 'a subject is a single line' }];
  return new TemplateWalker(field, text, 'subject', false, rules).run();
}

export function checkBodySource(
  source: unknown,
  editable: boolean,
  rules: TemplateRules = LETTER_TEMPLATE_RULES,
  field = 'body',
  maxChars: number = LETTER_LIMITS.bodyChars,
): LetterTemplateProblem[] {
  if (typeof source !== 'string') return [{ field, message: 'must be text' }];
  if (!source.trim()) return [{ field, message: 'is empty' }];
  const text = new TemplateSource(source);
  if (source.length > maxChars) {
    const message = `is longer than ${maxChars} characters`;
    return [{ field, ...text.positionOf(maxChars), message }];
  }
  return new TemplateWalker(field, text, 'body', editable, rules).run();
}

/** Walks a parsed template, resolving every name against the merge fields in the scope where it stands. */
class TemplateWalker {
  private readonly problems: LetterTemplateProblem[] = [];
  private editableBlocks = 0;

  constructor(
    private readonly field: string,
    private readonly source: TemplateSource,
    private readonly kind: 'subject' | 'body',
    private readonly editable: boolean,
    private readonly rules: TemplateRules,
  ) {}

  run(): LetterTemplateProblem[] {
    let ast: Program;
    try {
      ast = letterHandlebars.parse(this.source.text) as unknown as Program;
    } catch (error) {
      return [{ field: this.field, ...describeParseError(error, this.source, lexerLocation) }];
    }
    const root: Frame = { shape: { kind: 'root' }, path: [] };
    this.program(ast, { frames: [root], nesting: 0, inEach: false, inEditable: false });
    if (this.kind === 'body' && this.editable && this.editableBlocks === 0) {
      this.problems.push({
        field: this.field,
        message:
          'an editable letter needs one {{#editable}}...{{/editable}} block around the part supporters may rewrite',
      });
    }
    if (this.problems.length === 0) this.compile();
    return this.problems.slice(0, LETTER_LIMITS.problemsPerField);
  }

  // The walker refuses all the compiler would; compiling anyway keeps that true if Handlebars changes.
  private compile(): void {
    try {
      letterHandlebars.precompile(this.source.text, LETTER_COMPILE_OPTIONS);
    } catch (error) {
      this.problems.push({ field: this.field, ...describeParseError(error, this.source, lexerLocation) });
    }
  }

  private refuse(node: { loc: Loc }, message: string): undefined {
    this.problems.push({ field: this.field, line: node.loc.start.line, column: node.loc.start.column + 1, message });
    return undefined;
  }

  private program(program: Program | undefined, scope: Scope): void {
    for (const node of program?.body ?? []) this.statement(node, scope);
  }

  private statement(node: Node, scope: Scope): void {
    switch (node.type) {
      case 'ContentStatement':
        return;
      case 'CommentStatement':
        // A comment ends at its first --}}: what looks commented out after a nested one would render.
        if (/\{\{|\}\}/.test((node as unknown as { value: string }).value)) {
          this.refuse(node, 'a comment may not contain {{ or }}: delete the code instead of commenting it out');
        }
        return;
      case 'MustacheStatement':
        return this.mustache(node as unknown as Mustache, scope);
      case 'BlockStatement':
        return this.block(node as unknown as Block, scope);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return void this.refuse(node, 'partials ({{> name}}) are not available in letters');
      case 'Decorator':
      case 'DecoratorBlock':
        return void this.refuse(node, 'decorators ({{* name}}) are not available in letters');
      default:
        return void this.refuse(node, `${node.type} is not available in letters`);
    }
  }

  private mustache(node: Mustache, scope: Scope): void {
    if (node.path.type !== 'PathExpression') {
      return void this.refuse(
        node,
        `${this.source.slice(node.loc)} is not a merge field: write the text without {{ }}`,
      );
    }
    const path = node.path as Path;
    const name = simpleName(path);
    if (node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0) {
      return void this.helperRefused(node, name ?? this.source.slice(path.loc));
    }
    if (name && BLOCKS.has(name)) {
      return void this.refuse(node, `{{${name}}} is a block: write {{#${name} ...}}...{{/${name}}}`);
    }
    const resolved = this.resolve(path, scope);
    if (!resolved || resolved.shape.kind === 'value') return;
    this.refuse(node, `"${path.original}" ${notAValue(resolved.shape, this.rules.schema)}`);
  }

  private helperRefused(node: { loc: Loc }, name: string): void {
    if (REFUSED_HELPERS.has(name)) return void this.refuse(node, `the ${name} helper is not available in letters`);
    if (BLOCKS.has(name))
      return void this.refuse(node, `{{${name}}} is a block: write {{#${name} ...}}...{{/${name}}}`);
    this.refuse(
      node,
      `"${name}" is not a helper letters know; the blocks available are ${LETTER_BLOCK_HELPERS.join(', ')}`,
    );
  }

  private block(node: Block, scope: Scope): void {
    if (this.source.slice(node.loc).startsWith('{{{{')) {
      return void this.refuse(node, 'raw blocks ({{{{name}}}}) are not available in letters');
    }
    const path = node.path.type === 'PathExpression' ? (node.path as Path) : undefined;
    const name = path && simpleName(path);
    if (!name || !BLOCKS.has(name)) {
      if (path && !REFUSED_HELPERS.has(name ?? '') && this.resolveQuietly(path, scope)) {
        const f = path.original;
        return void this.refuse(
          node,
          `"${f}" is not a block: use {{#if ${f}}}...{{/if}} or {{#unless ${f}}}...{{/unless}}`,
        );
      }
      return this.helperRefused(node, name ?? this.source.slice(node.path.loc));
    }
    if (this.kind === 'subject') {
      return void this.refuse(node, 'a subject line holds text and merge fields only, no blocks');
    }
    if (scope.nesting >= LETTER_LIMITS.nesting) {
      return void this.refuse(node, `blocks are nested more than ${LETTER_LIMITS.nesting} deep`);
    }
    if (!node.program) return void this.refuse(node, `{{^${name}}} is not available: use {{#unless ...}}`);
    if ((node.hash?.pairs.length ?? 0) > 0) {
      return void this.refuse(node, `{{#${name}}} takes no options (${node.hash!.pairs.map((p) => p.key).join(', ')})`);
    }
    if (node.program.blockParams?.length) {
      return void this.refuse(node, 'block parameters (as |name|) are not available: use the fields directly');
    }
    if (name === 'editable') return this.editableBlock(node, scope);
    const inner: Scope = { ...scope, nesting: scope.nesting + 1 };
    const param = node.params[0];
    if (node.params.length !== 1) return void this.refuse(node, `{{#${name}}} needs exactly one merge field`);
    if (param.type === 'SubExpression') return void this.refuse(param, 'sub-expressions ( ... ) are not available');
    if (param.type !== 'PathExpression') {
      return void this.refuse(param, `{{#${name}}} needs a merge field, not a fixed value`);
    }
    const resolved = this.resolve(param as Path, scope);
    if (!resolved) {
      // An if/unless keeps the scope, so what it holds can still be checked.
      if (name === 'if' || name === 'unless') for (const p of [node.program, node.inverse]) this.program(p, inner);
      return;
    }
    const original = (param as Path).original;
    const current = scope.frames[scope.frames.length - 1];
    if (name === 'with') {
      if (resolved.shape.kind !== 'group') {
        return void this.refuse(param, `{{#with}} needs a group of fields (supporter, target...), not "${original}"`);
      }
      // Handlebars only opens a new level (for ../) when the context changes; refuse the case where it would not.
      if (resolved.path.join('.') === current.path.join('.')) {
        return void this.refuse(param, `"${original}" is already the current group`);
      }
      this.program(node.program, {
        ...inner,
        frames: [...scope.frames, { shape: resolved.shape, path: resolved.path }],
      });
    } else if (name === 'each') {
      if (resolved.shape.kind !== 'list') return void this.refuse(param, `{{#each}} needs a list, not "${original}"`);
      if (scope.inEach) return void this.refuse(node, '{{#each}} cannot be placed inside another {{#each}}');
      const item: Frame = { shape: { kind: 'item', group: resolved.shape.group }, path: [...resolved.path, '[]'] };
      this.program(node.program, { ...inner, frames: [...scope.frames, item], inEach: true });
    } else {
      this.program(node.program, inner);
    }
    this.program(node.inverse, inner);
  }

  private editableBlock(node: Block, scope: Scope): void {
    this.editableBlocks++;
    if (this.editableBlocks > 1) return void this.refuse(node, 'a letter has at most one {{#editable}} block');
    if (scope.nesting > 0) {
      return void this.refuse(node, '{{#editable}} must stand at the top level of the body, outside other blocks');
    }
    if (node.params.length > 0) return void this.refuse(node, '{{#editable}} takes no merge field');
    if (node.inverse) return void this.refuse(node, '{{#editable}} has no {{else}}');
    this.program(node.program, { ...scope, nesting: 1, inEditable: this.editable });
  }

  private resolveQuietly(path: Path, scope: Scope): boolean {
    const before = this.problems.length;
    const resolved = this.resolve(path, scope);
    this.problems.length = before;
    return resolved !== undefined;
  }

  private resolve(path: Path, scope: Scope): Resolved | undefined {
    const written = this.source.slice(path.loc);
    if (written.includes('[')) {
      return this.refuse(path, `"${written}": [...] segments are not available; write the field's name`);
    }
    const inherited = path.parts.find((p) => PROTOTYPE_NAMES.has(p));
    if (inherited) return this.refuse(path, `"${inherited}" is not allowed in a letter`);
    if (path.data) return this.dataVariable(path, scope);
    const explicitThis = /^(this|\.)([./]|$)/.test(path.original.replace(/^(\.\.\/)+/, ''));
    if (explicitThis && path.depth === 0 && scope.frames.length === 1) {
      return this.refuse(path, '"this" only means something inside {{#each}} or {{#with}}');
    }
    if (path.depth > scope.frames.length - 1) {
      return this.refuse(
        path,
        `"${path.original}" goes up more levels (../) than there are blocks around it (${scope.frames.length - 1})`,
      );
    }
    const frame = scope.frames[scope.frames.length - 1 - path.depth];
    let shape = frame.shape;
    for (const [i, part] of path.parts.entries()) {
      const next = member(shape, part, this.rules.schema);
      if (!next) {
        const unknown = path.parts.slice(0, i + 1).join('.');
        if (shape.kind === 'value' || shape.kind === 'list') {
          return this.refuse(
            path,
            `"${path.original}": "${path.parts.slice(0, i).join('.')}" ${notAValue(shape, this.rules.schema)}`,
          );
        }
        const hint = suggestion(path.original, scope, this.rules.schema);
        return this.refuse(path, `"${unknown}" is not a merge field${hint ? `; did you mean "${hint}"?` : ''}`);
      }
      shape = next;
    }
    const resolved: Resolved = { shape, path: [...frame.path, ...path.parts], data: false };
    const group = resolved.path[0];
    const { subjectGroups, editableGroups } = this.rules;
    if (this.kind === 'subject' && group && !subjectGroups.includes(group)) {
      return this.refuse(path, `a subject line may use ${subjectGroups.join(', ')} fields only`);
    }
    if (scope.inEditable && group && !editableGroups.includes(group)) {
      return this.refuse(
        path,
        `"${path.original}" cannot be used in the editable part, which the page shows before the supporter and ` +
          `the target are known: use ${editableGroups.join(', ')} fields there`,
      );
    }
    return resolved;
  }

  private dataVariable(path: Path, scope: Scope): Resolved | undefined {
    const [name] = path.parts;
    if (name === 'root') {
      return this.refuse(path, "@root is not available: reach the letter's fields with ../ from inside a block");
    }
    if (!DATA_VARIABLES.has(name) || path.parts.length !== 1 || path.depth !== 0) {
      return this.refuse(path, `"${path.original}" is not available; inside {{#each}} use @index, @first or @last`);
    }
    if (!scope.inEach) return this.refuse(path, `@${name} only means something inside {{#each}}`);
    return { shape: { kind: 'value' }, path: [`@${name}`], data: true };
  }
}

/** A helper's name when the path is a plain word (`if`, `lookup`), else undefined. */
function simpleName(path: Path): string | undefined {
  return !path.data && path.depth === 0 && path.parts.length === 1 && path.original === path.parts[0]
    ? path.parts[0]
    : undefined;
}
