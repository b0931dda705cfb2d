import { describe, expect, it } from 'vitest';
import { initialMapping, mappingToSend } from './import-queries';

describe('an import mapping', () => {
  const fields = [
    { name: 'name', column: 'name', required: true },
    { name: 'emails', column: 'emails', required: true },
    { name: 'notes', column: 'notes', required: false },
  ];

  it('starts from the suggestion, with every field listed', () => {
    expect(initialMapping(fields, { name: 'Nom', emails: 'Courriel' })).toEqual({
      name: 'Nom',
      emails: 'Courriel',
      notes: '',
    });
  });

  it('sends only the fields given a column', () => {
    expect(mappingToSend({ name: 'Nom', emails: 'Courriel', notes: '' })).toEqual({ name: 'Nom', emails: 'Courriel' });
  });
});
