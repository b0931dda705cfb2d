import type { TargetImportKind } from '../entities/target-import.entity.js';

/**
 * A Rally field an import column can fill: its CSV column name (what the export writes, so an export maps itself),
 * whether every file must map it, and the column names staff write in English, French and Spanish.
 */
export interface ImportField {
  name: string;
  column: string;
  required: boolean;
  aliases: string[];
}

const field = (name: string, column: string, required: boolean, aliases: string[]): ImportField => ({
  name,
  column,
  required,
  aliases,
});

export const TARGET_FIELDS: readonly ImportField[] = [
  field('name', 'name', true, ['full name', 'nom', 'nom complet', 'nombre', 'nombre completo', 'target']),
  field('kind', 'kind', true, ['type', 'category', 'categorie', 'tipo', 'categoria', 'clase']),
  field('title', 'title', false, ['role', 'position', 'titre', 'fonction', 'poste', 'titulo', 'cargo', 'puesto']),
  field('body', 'body', false, [
    'ministry',
    'organisation',
    'organization',
    'institution',
    'ministere',
    'organisme',
    'ministerio',
    'organismo',
    'institucion',
  ]),
  field('salutation', 'salutation', false, ['greeting', 'formule d appel', 'appel', 'saludo', 'tratamiento']),
  field('country', 'country', true, ['country code', 'pays', 'code pays', 'pais', 'codigo pais']),
  field('regionCodes', 'region_codes', false, [
    'regions',
    'region',
    'constituency',
    'constituencies',
    'codes region',
    'circonscription',
    'circonscriptions',
    'codigos region',
    'circunscripcion',
    'circunscripciones',
  ]),
  field('language', 'language', true, ['lang', 'langue', 'idioma', 'lengua']),
  field('timeZone', 'time_zone', false, ['timezone', 'zone', 'fuseau horaire', 'fuseau', 'zona horaria']),
  field('focusAreas', 'focus_areas', false, [
    'focus area',
    'areas',
    'domaines',
    'domaine',
    'domaines d action',
    'areas tematicas',
    'area tematica',
    'ambitos',
  ]),
  field('tags', 'tags', false, ['tag', 'labels', 'etiquettes', 'mots cles', 'etiquetas']),
  field('externalId', 'external_id', false, [
    'id',
    'ref',
    'reference',
    'identifiant',
    'id externe',
    'identificador',
    'id externo',
    'referencia',
  ]),
  field('notes', 'notes', false, ['note', 'comments', 'remarques', 'commentaires', 'notas', 'observaciones']),
  field('active', 'active', false, ['enabled', 'actif', 'active', 'activo', 'activa']),
  field('emails', 'emails', true, [
    'email',
    'e-mail',
    'e-mails',
    'mail',
    'email address',
    'email addresses',
    'courriel',
    'courriels',
    'adresse e-mail',
    'adresse email',
    'adresses e-mail',
    'correo',
    'correos',
    'correo electronico',
    'correos electronicos',
  ]),
];

export const AREA_LOOKUP_FIELDS: readonly ImportField[] = [
  field('country', 'country', true, ['country code', 'pays', 'code pays', 'pais', 'codigo pais']),
  field('postcodePrefix', 'postcode_prefix', true, [
    'postcode',
    'post code',
    'postal code',
    'zip',
    'zip code',
    'prefix',
    'code postal',
    'cp',
    'prefixe',
    'prefixe code postal',
    'codigo postal',
    'prefijo',
    'prefijo codigo postal',
  ]),
  field('regionCode', 'region_code', true, [
    'region',
    'code region',
    'code de region',
    'codigo region',
    'codigo de region',
  ]),
  field('label', 'label', false, ['name', 'libelle', 'nom', 'etiqueta', 'nombre', 'descripcion']),
];

export const fieldsOf = (kind: TargetImportKind): readonly ImportField[] =>
  kind === 'targets' ? TARGET_FIELDS : AREA_LOOKUP_FIELDS;

/** "Code Région", "code_region" and "CODE-REGION" are one name: no case, accents, spaces or punctuation. */
export const normaliseColumnName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** Each field the file's columns name (by Rally's name, its column name or an alias), matched once at most. */
export function suggestMapping(kind: TargetImportKind, columns: readonly string[]): Record<string, string> {
  const byName = new Map<string, string>();
  for (const column of columns) {
    const key = normaliseColumnName(column);
    if (key && !byName.has(key)) byName.set(key, column);
  }
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  // Exact names first, aliases after: a file with both "region" and "region_codes" maps the latter to regionCodes.
  for (const pass of ['names', 'aliases'] as const) {
    for (const f of fieldsOf(kind)) {
      if (mapping[f.name]) continue;
      const candidates = pass === 'names' ? [f.name, f.column] : f.aliases;
      for (const candidate of candidates) {
        const column = byName.get(normaliseColumnName(candidate));
        if (column !== undefined && !taken.has(column)) {
          mapping[f.name] = column;
          taken.add(column);
          break;
        }
      }
    }
  }
  return mapping;
}

/** Field -> problems with a mapping against the file's columns; empty when it can be used. */
export function mappingProblems(
  kind: TargetImportKind,
  columns: readonly string[],
  mapping: Record<string, unknown>,
): Record<string, string[]> {
  const fields = new Map(fieldsOf(kind).map((f) => [f.name, f]));
  const known = new Set(columns);
  const problems: Record<string, string[]> = {};
  for (const [name, column] of Object.entries(mapping)) {
    const key = `mapping.${name}`;
    if (!fields.has(name))
      problems[key] = [`${name} is not a field of ${kind} (fields: ${[...fields.keys()].join(', ')})`];
    else if (typeof column !== 'string') problems[key] = [`${key} must be a column name`];
    else if (!known.has(column)) problems[key] = [`the file has no column "${column.slice(0, 100)}"`];
  }
  for (const f of fields.values())
    if (f.required && mapping[f.name] === undefined)
      problems[`mapping.${f.name}`] = [`${f.name} must be mapped to a column`];
  return problems;
}
