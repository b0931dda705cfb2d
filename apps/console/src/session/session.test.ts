import { describe, expect, it } from 'vitest';
import { safeNext } from './session';

describe('where sign-in returns to', () => {
  it('returns to a page of the console, with its filters', () => {
    expect(safeNext('/o/demo/petitions?status=open')).toBe('/o/demo/petitions?status=open');
  });

  it('never leaves the console (another site, a protocol-relative address) nor loops to sign-in', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/path',
      'javascript:alert(1)',
      '/sign-in?next=/x',
      undefined,
      '',
    ])
      expect(safeNext(next)).toBe('/');
  });
});
