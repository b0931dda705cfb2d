import type { RallyLike, StaffHandle, TenantFixture } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import type { LetterAction } from '../entities/letter-action.entity.js';
import { aLetterAction, aStoredLetter } from './index.js';

// One action and one stored letter per organisation: the walk fills {actionId}, {targetId} and {submissionId}
// independently, and the letter routes want them to belong together.
const actions = new Map<string, Promise<LetterAction>>();
const actionOf = (rally: RallyLike, owner: StaffHandle): Promise<LetterAction> => {
  let action = actions.get(owner.organisation.id);
  if (!action) actions.set(owner.organisation.id, (action = aLetterAction(rally, owner)));
  return action;
};
const letters = new Map<string, Promise<{ letterId: string; submissionId: string }>>();
const letterOf = (rally: RallyLike, owner: StaffHandle) => {
  let letter = letters.get(owner.organisation.id);
  if (!letter) {
    letter = (async () =>
      aStoredLetter(rally, owner, (await actionOf(rally, owner)).id, (await aTarget(rally, owner)).id))();
    letters.set(owner.organisation.id, letter);
  }
  return letter;
};

/** Objects of the letters library that staff routes address by id; the cross-tenant test makes them in another org. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'actionId', create: async (rally, owner) => (await actionOf(rally, owner)).id },
  { param: 'letterId', create: async (rally, owner) => (await letterOf(rally, owner)).letterId },
  { param: 'submissionId', create: async (rally, owner) => (await letterOf(rally, owner)).submissionId },
  { param: 'language', create: async () => 'fr' },
];
