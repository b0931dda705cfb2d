import type { Schemas } from '../../api/client';
import { isoToPicker, pickerToIso } from '../../components/dates';
import type { PetitionValues } from './petition-form';
import type { Petition } from './petition-queries';

type Language = Schemas['Language'];

const milestonesOf = (values: PetitionValues): number[] =>
  [...new Set(values.milestones.map(Number))].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);

/** The form's values as the API's create body (empty optional fields left out rather than sent blank). */
export function toCreateBody(values: PetitionValues): Schemas['PetitionCreateDto'] {
  const closesAt = pickerToIso(values.closesAt);
  return {
    campaignId: values.campaignId,
    slug: values.slug,
    title: values.title.trim(),
    ask: values.ask.trim(),
    ...(values.targetDescription.trim() ? { targetDescription: values.targetDescription.trim() } : {}),
    goal: Number(values.goal),
    milestones: milestonesOf(values),
    language: values.language as Language,
    ...(closesAt ? { closesAt } : {}),
  };
}

/** The update body: every editable field, with `closesAt: null` removing a close date. */
export function toUpdateBody(values: PetitionValues): Schemas['PetitionUpdateDto'] {
  return {
    title: values.title.trim(),
    ask: values.ask.trim(),
    targetDescription: values.targetDescription.trim(),
    goal: Number(values.goal),
    milestones: milestonesOf(values),
    language: values.language as Language,
    closesAt: pickerToIso(values.closesAt),
  };
}

export const valuesOf = (p: Petition): PetitionValues => ({
  campaignId: p.campaignId,
  slug: p.slug,
  title: p.title,
  ask: p.ask,
  targetDescription: p.targetDescription,
  goal: p.goal,
  milestones: p.milestones.map(String),
  language: p.language,
  closesAt: isoToPicker(p.closesAt),
});
