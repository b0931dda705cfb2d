import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { csvCell, sqlRows } from '#rally/core';

const PAGE = 2_000;
const COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'postcode',
  'region',
  'country',
  'comment',
  'public_display',
  'consent_given',
  'consent_wording',
  'language',
  'source',
  'referrer',
  'signed_at',
  'confirmed_at',
] as const;

type Row = Record<(typeof COLUMNS)[number] | 'id' | 'cursor_at', string | boolean | Date | null>;

/**
 * Confirmed signatures of one petition as CSV, streamed page by page (keyset on confirmed_at, id): memory stays flat
 * however many rows, and the next page is only read when the client has taken the previous one.
 */
@Injectable()
export class SignatureExport {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  stream(scope: OrgScope, petitionId: string): Readable {
    return Readable.from(this.lines(scope, petitionId), { objectMode: false });
  }

  private async *lines(scope: OrgScope, petitionId: string): AsyncGenerator<string> {
    yield COLUMNS.join(',') + '\r\n';
    // The cursor keeps microseconds (as text): a JS Date would truncate them and repeat rows at page edges.
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows: Row[] = await sqlRows<Row>(
        this.db,
        `SELECT id, first_name, last_name, email, postcode, region, country, comment, public_display, consent_given, consent_wording, language, source, referrer,
                created_at AS signed_at, confirmed_at, confirmed_at::text AS cursor_at
         FROM signatures
         WHERE organization_id = $1 AND petition_id = $2 AND status = 'confirmed' AND ($3::timestamptz IS NULL OR (confirmed_at, id) > ($3, $4::uuid))
         ORDER BY confirmed_at, id LIMIT $5`,
        [scope.organisationId, petitionId, after?.at ?? null, after?.id ?? null, PAGE],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(',')).join('\r\n') + '\r\n';
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at as string, id: last.id as string };
      if (rows.length < PAGE) return;
    }
  }
}
