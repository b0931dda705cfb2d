import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type TargetImport = Schemas['TargetImportDetailResponse'];
export type TargetImportSummary = Schemas['TargetImportResponse'];
export type ImportKind = Schemas['TargetImportKind'];
export type ImportStatus = Schemas['TargetImportStatus'];
export type MissingPolicy = Schemas['MissingEntryPolicy'];
export type ImportField = Schemas['ImportFieldResponse'];

export const IMPORT_KINDS: ImportKind[] = ['targets', 'area-lookups'];
export const IMPORT_STATUSES: ImportStatus[] = ['uploaded', 'checking', 'checked', 'applying', 'applied', 'failed'];
/** What may happen to entries the file does not mention: an area lookup row has no "inactive" state. */
export const MISSING_POLICIES: Record<ImportKind, MissingPolicy[]> = {
  targets: ['keep', 'disable', 'delete'],
  'area-lookups': ['keep', 'delete'],
};
// Every Rally field an import can fill, by kind (the server's lists; the catalogue names each).
export const IMPORT_FIELD_NAMES: Record<ImportKind, string[]> = {
  targets: [
    'name',
    'kind',
    'title',
    'body',
    'salutation',
    'country',
    'regionCodes',
    'language',
    'timeZone',
    'focusAreas',
    'tags',
    'externalId',
    'notes',
    'active',
    'emails',
  ],
  'area-lookups': ['country', 'postcodePrefix', 'regionCode', 'label'],
};

export const isRunning = (status: ImportStatus): boolean => status === 'checking' || status === 'applying';

/** How often a running import is re-read: a 50,000-row check takes tens of seconds, a small file under one. */
export const IMPORT_POLL_MS = 1_000;

export const importKeys = (org: string) => ['org', org, 'target-imports'] as const;

export const importQuery = (org: string, importId: string) =>
  queryOptions({
    queryKey: [...importKeys(org), 'one', importId],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/target-imports/{importId}', { params: { path: { orgSlug: org, importId } } }),
      ),
    refetchInterval: (query) => (query.state.data && isRunning(query.state.data.status) ? IMPORT_POLL_MS : false),
  });

export const importsQuery = (org: string, page: number) =>
  queryOptions({
    queryKey: [...importKeys(org), 'list', page],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/target-imports', { params: { path: { orgSlug: org }, query: windowOf(page) } }),
      ),
    placeholderData: keepPreviousData,
  });

/** The file as the request body itself (the server streams it to storage; no multipart, no reading it here). */
export const uploadImport = (org: string, kind: ImportKind, file: File): Promise<TargetImport> =>
  unwrap(
    api.POST('/api/orgs/{orgSlug}/target-imports', {
      params: { path: { orgSlug: org }, query: { kind, fileName: file.name.slice(0, 200) } },
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as File,
      headers: { 'content-type': 'text/csv' },
    }),
  );

/** The mapping the form starts from: the server's suggestion, every field present ('' for "not imported"). */
export const initialMapping = (fields: ImportField[], suggested: Record<string, string>): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f.name, suggested[f.name] ?? '']));

/** The check's mapping: only the fields given a column (left out, existing entries keep their value). */
export const mappingToSend = (mapping: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(mapping).filter(([, column]) => column !== ''));
