import { DataSource } from 'typeorm';
import { LetterSentMarks } from '#rally/letters';
import { aStoredLetter } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import type { RallyHarness } from '../support/rally-harness.js';

/**
 * `count` letters of an action to a target, marked sent at `at` through the same code the mail sender's mark runs
 * (LetterSentMarks, hooks and all), in one group as a mark statement would carry them.
 */
export async function sentLetters(
  rally: RallyHarness,
  staff: StaffHandle,
  actionId: string,
  targetId: string,
  count: number,
  at: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await aStoredLetter(rally, staff, actionId, targetId)).letterId);
  await markSent(rally, ids, at);
  return ids;
}

export async function markSent(rally: RallyHarness, letterIds: string[], at: string): Promise<void> {
  const marks = rally.api.get(LetterSentMarks);
  await rally.api.get(DataSource).transaction((manager) => marks.markSent(letterIds, new Date(at), manager));
}
