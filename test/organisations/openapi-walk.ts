import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { TenantFixture } from '#rally-testing/organisations';
import type { RallyHarness } from '../support/rally-harness.js';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: { content?: Record<string, { schema?: Schema }> }; security?: unknown[]; tags?: string[] }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  path: string;
  params: string[];
  orgScoped: boolean;
  body?: unknown;
  secured: boolean;
}

export const ORG_PREFIX = '/api/orgs/{orgSlug}';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The operations of the api's own OpenAPI document, each with a request body built from its schema's examples. */
export async function openApiOperations(rally: RallyHarness): Promise<Operation[]> {
  const res = await fetch(`${rally.baseUrl}/api/docs/openapi.json`);
  if (!res.ok) throw new Error(`openapi.json answered ${res.status}`);
  const doc = (await res.json()) as OpenApiDoc;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        orgScoped: path === ORG_PREFIX || path.startsWith(`${ORG_PREFIX}/`),
        body: schema ? exampleOf(doc, schema) : undefined,
        secured: (op.security?.length ?? 0) > 0,
      });
    }
  }
  return operations;
}

/** A value the schema accepts: its example when it has one, else the simplest valid value of its type. */
function exampleOf(doc: OpenApiDoc, schema: Schema, depth = 0): unknown {
  if (schema.$ref)
    return exampleOf(doc, doc.components?.schemas?.[schema.$ref.split('/').pop() as string] ?? {}, depth + 1);
  if (schema.allOf) {
    if (schema.example !== undefined) return schema.example;
    // One member is a reference with siblings (an enum by name, say); several are objects to merge.
    if (schema.allOf.length === 1) return exampleOf(doc, schema.allOf[0], depth + 1);
    return Object.assign({}, ...schema.allOf.map((s) => exampleOf(doc, s, depth + 1)));
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.properties && depth < 5) {
    return Object.fromEntries(
      Object.entries(schema.properties)
        .filter(([k, p]) => schema.required?.includes(k) || p.example !== undefined)
        .map(([k, p]) => [k, exampleOf(doc, p, depth + 1)]),
    );
  }
  switch (schema.type) {
    case 'string':
      return schema.format === 'email'
        ? 'someone@example.org'
        : schema.format === 'date-time'
          ? new Date().toISOString()
          : schema.format === 'uuid'
            ? '00000000-0000-4000-8000-000000000000'
            : 'example';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return {};
  }
}

/** Every feature's `libs/<lib>/src/testing/tenant-fixtures.ts`, found on disk so new features need no edit here. */
export async function tenantFixtures(): Promise<Map<string, TenantFixture>> {
  const libs = new URL('../../libs/', import.meta.url);
  const fixtures = new Map<string, TenantFixture>();
  for (const lib of readdirSync(libs)) {
    const file = new URL(`${lib}/src/testing/tenant-fixtures.ts`, libs);
    if (!existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file.pathname).href)) as { tenantFixtures?: TenantFixture[] };
    for (const fixture of mod.tenantFixtures ?? []) {
      if (fixtures.has(fixture.param)) throw new Error(`two tenant fixtures for :${fixture.param}`);
      fixtures.set(fixture.param, fixture);
    }
  }
  return fixtures;
}

export const fillPath = (path: string, values: Record<string, string>): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
