import { describe, expect, it } from 'vitest';
import letters from '../../i18n/areas/letters/en.json';
import main from '../../i18n/en.json';
import { ACTION_TABS } from './letter-action-screen';
import { TRANSITIONS_FROM } from './letter-lifecycle';
import {
  DELIVERY_STATUSES,
  FOCUS_AREAS,
  LETTER_ACTION_SORTS,
  LETTER_ACTION_STATUSES,
  ROUTING_MODES,
  TARGET_KINDS,
} from './letter-queries';
import { NEW_ROUTING, routingProblems } from './routing-values';

type Catalogue = { [key: string]: string | Catalogue };
const hasIn = (catalogue: Catalogue, key: string): boolean => {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string';
};
/** In the first-load catalogue (navigation) or the letters area's, loaded with its screens. */
const has = (key: string): boolean => hasIn(main as Catalogue, key) || hasIn(letters as Catalogue, key);

describe('the letter screens’ texts built from values', () => {
  it('exist in English for every value the screens can show', () => {
    const built = [
      ...LETTER_ACTION_STATUSES.map((s) => `letters.status.${s}`),
      ...LETTER_ACTION_SORTS.map((s) => `letters.sort.${s}`),
      ...DELIVERY_STATUSES.map((s) => `letters.delivery.status.${s}`),
      ...ROUTING_MODES.flatMap((m) => [`letters.routing.modes.${m}.label`, `letters.routing.modes.${m}.hint`]),
      ...TARGET_KINDS.map((k) => `letters.kind.${k}`),
      ...FOCUS_AREAS.map((f) => `letters.focusArea.${f}`),
      ...ACTION_TABS.map((tab) => `letters.tabs.${tab}`),
      ...Object.values(TRANSITIONS_FROM)
        .flat()
        .flatMap((a) => ['button', 'title', 'message', 'done'].map((part) => `letters.lifecycle.${a}.${part}`)),
      ...['total', 'sent', 'pending', 'failed', 'held'].map((c) => `letters.delivery.columns.${c}`),
      ...Object.values(routingProblems({ ...NEW_ROUTING, mode: 'pick', min: 3, max: 2, maxTargets: 0, targetIds: [] })),
      ...Object.values(routingProblems({ ...NEW_ROUTING, mode: 'sample', sampleSize: 3, targetIds: ['a'] })),
      ...Object.values(routingProblems({ ...NEW_ROUTING, mode: 'responsibility' })),
      'nav.letters',
    ];
    expect(built.filter((key) => !has(key))).toEqual([]);
  });
});
