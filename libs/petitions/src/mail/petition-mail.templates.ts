import { defineMailTemplate } from '#rally/mail';
import { PETITIONS_CATALOGUE } from '../petitions.i18n.js';

/** To a signer: confirm (first mail, reminders, or after signing again while still pending). */
export const SIGNATURE_CONFIRM_MAIL = defineMailTemplate<{
  firstName: string;
  petitionTitle: string;
  confirmUrl: string;
  reminder: boolean;
}>('petitions.signature-confirm', new URL('./signature-confirm/', import.meta.url), PETITIONS_CATALOGUE);

/** To a signer who signed again after confirming: the page answered the same, this tells them. */
export const SIGNATURE_ALREADY_MAIL = defineMailTemplate<{
  firstName: string;
  petitionTitle: string;
  petitionUrl: string;
}>('petitions.signature-already', new URL('./signature-already/', import.meta.url), PETITIONS_CATALOGUE);

/** To petition staff, once per milestone. */
export const PETITION_MILESTONE_MAIL = defineMailTemplate<{
  petitionTitle: string;
  petitionUrl: string;
  milestone: number;
  total: number;
  goal: number;
}>('petitions.milestone', new URL('./petition-milestone/', import.meta.url), PETITIONS_CATALOGUE);

/** To petition staff when the close date closed a petition. */
export const PETITION_CLOSED_MAIL = defineMailTemplate<{
  petitionTitle: string;
  total: number;
  online: number;
  paper: number;
  goal: number;
}>('petitions.closed', new URL('./petition-closed/', import.meta.url), PETITIONS_CATALOGUE);

export const PETITION_MAIL_TEMPLATES = [
  SIGNATURE_CONFIRM_MAIL,
  SIGNATURE_ALREADY_MAIL,
  PETITION_MILESTONE_MAIL,
  PETITION_CLOSED_MAIL,
];
