import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { NAVIGATION } from '../app/navigation';
import { AUDIT_ACTIONS, AUDIT_AREAS, AUDIT_OBJECT_TYPES } from '../screens/audit/audit-areas';
import { actionKey } from '../screens/audit/audit-queries';
import { ACTIONS_FROM } from '../screens/petitions/petition-lifecycle';
import { PETITION_STATUSES } from '../screens/petitions/petition-queries';
import {
  AREA_FILTERS as STATUS_AREA_FILTERS,
  HISTORY_EVENTS,
  STATUSES,
} from '../screens/implementation/implementation-queries';
import { AREA_FILTERS, SOURCES, VERIFICATION_LEVELS } from '../screens/recommendations/recommendation-queries';
import { CHANNELS, STANCES, STATUSES as RESPONSE_STATUSES } from '../screens/responses/response-queries';
import { ESCALATION_ACTIONS, ESCALATION_OUTCOMES, FOLLOW_UP_STATUSES } from '../screens/followups/follow-up-queries';
import {
  AUDIENCE_KINDS,
  FREQUENCIES,
  MAILING_STATUSES,
  PROGRESS,
  RUN_STATUSES,
  SCHEDULE_KINDS,
} from '../screens/mailings/mailing-queries';
import { IMPORT_FIELD_NAMES, IMPORT_KINDS, IMPORT_STATUSES, MISSING_POLICIES } from '../screens/targets/import-queries';
import { EMAIL_STATES, FOCUS_AREAS, TARGET_KINDS, TARGET_SORTS } from '../screens/targets/target-queries';
import { ALERT_KINDS, INBOUND_KINDS, THREADED_BY } from '../screens/replies/reply-queries';
import lettersEn from './areas/letters/en.json';
import lettersEs from './areas/letters/es.json';
import lettersFr from './areas/letters/fr.json';
import repliesEn from './areas/replies/en.json';
import repliesEs from './areas/replies/es.json';
import repliesFr from './areas/replies/fr.json';
import implementationEn from './areas/implementation/en.json';
import implementationEs from './areas/implementation/es.json';
import implementationFr from './areas/implementation/fr.json';
import recommendationsEn from './areas/recommendations/en.json';
import recommendationsEs from './areas/recommendations/es.json';
import recommendationsFr from './areas/recommendations/fr.json';
import auditEn from './areas/audit/en.json';
import auditEs from './areas/audit/es.json';
import auditFr from './areas/audit/fr.json';
import mailingsEn from './areas/mailings/en.json';
import mailingsEs from './areas/mailings/es.json';
import mailingsFr from './areas/mailings/fr.json';
import responsesEn from './areas/responses/en.json';
import responsesEs from './areas/responses/es.json';
import responsesFr from './areas/responses/fr.json';
import scoreboardEn from './areas/scoreboard/en.json';
import scoreboardEs from './areas/scoreboard/es.json';
import scoreboardFr from './areas/scoreboard/fr.json';
import followupsEn from './areas/followups/en.json';
import followupsEs from './areas/followups/es.json';
import followupsFr from './areas/followups/fr.json';
import targetsEn from './areas/targets/en.json';
import targetsEs from './areas/targets/es.json';
import targetsFr from './areas/targets/fr.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';

type Catalogue = { [key: string]: string | Catalogue };
const flatten = (c: Catalogue, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(c).flatMap(([k, v]) =>
      typeof v === 'string' ? [[prefix + k, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );
// The first-load catalogue and the areas loaded with their screens make one catalogue per language.
const CATALOGUES = {
  en: {
    ...flatten(en),
    ...flatten(targetsEn),
    ...flatten(lettersEn),
    ...flatten(repliesEn),
    ...flatten(recommendationsEn),
    ...flatten(implementationEn),
    ...flatten(responsesEn),
    ...flatten(scoreboardEn),
    ...flatten(followupsEn),
    ...flatten(mailingsEn),
    ...flatten(auditEn),
  },
  fr: {
    ...flatten(fr),
    ...flatten(targetsFr),
    ...flatten(lettersFr),
    ...flatten(repliesFr),
    ...flatten(recommendationsFr),
    ...flatten(implementationFr),
    ...flatten(responsesFr),
    ...flatten(scoreboardFr),
    ...flatten(followupsFr),
    ...flatten(mailingsFr),
    ...flatten(auditFr),
  },
  es: {
    ...flatten(es),
    ...flatten(targetsEs),
    ...flatten(lettersEs),
    ...flatten(repliesEs),
    ...flatten(recommendationsEs),
    ...flatten(implementationEs),
    ...flatten(responsesEs),
    ...flatten(scoreboardEs),
    ...flatten(followupsEs),
    ...flatten(mailingsEs),
    ...flatten(auditEs),
  },
};

/** Placeholders and plural/select arguments of a message: a translation must use the same ones. */
const argumentsOf = (message: string): string[] =>
  [...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'api' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });

describe('the console catalogues', () => {
  it('French and Spanish have exactly the English keys', () => {
    for (const lang of ['fr', 'es'] as const)
      expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(Object.keys(CATALOGUES.en).sort());
  });

  it('every message is valid ICU and uses the same arguments in every language', () => {
    for (const [lang, messages] of Object.entries(CATALOGUES))
      for (const [key, message] of Object.entries(messages)) {
        expect(() => new IntlMessageFormat(message, lang), `${lang} ${key}`).not.toThrow();
        expect({ key, lang, args: argumentsOf(message) }).toEqual({
          key,
          lang,
          args: argumentsOf(CATALOGUES.en[key] ?? ''),
        });
      }
  });

  it('every key the screens ask for with a literal exists in English', () => {
    const root = join(import.meta.dirname, '..');
    const missing = sources(root).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)]
        .map((m) => m[1] as string)
        .filter((key) => !(key in CATALOGUES.en))
        .map((key) => `${file.slice(root.length)}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('every key the screens build from a value exists in English', () => {
    const built = [
      ...NAVIGATION.map((item) => `nav.${item.key}`),
      ...MAILING_STATUSES.flatMap((s) => [`mailings.status.${s}`, `mailings.done.${s}`]),
      ...AUDIENCE_KINDS.map((k) => `mailings.audienceKind.${k}`),
      ...['petition-signers', 'letter-writers', 'campaign-supporters'].map((k) => `mailings.audienceRef.${k}`),
      ...SCHEDULE_KINDS.map((k) => `mailings.scheduleKinds.${k}`),
      ...FREQUENCIES.map((f) => `mailings.frequencies.${f}`),
      ...RUN_STATUSES.map((s) => `mailings.runStatus.${s}`),
      ...PROGRESS.map((p) => `mailings.counts.${p}`),
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => `mailings.weekdays.${d}`),
      ...PETITION_STATUSES.map((s) => `petitions.status.${s}`),
      ...['newest', 'oldest', 'title'].map((s) => `petitions.sort.${s}`),
      ...['newest', 'oldest', 'name'].map((s) => `campaigns.sort.${s}`),
      ...Object.values(ACTIONS_FROM)
        .flat()
        .flatMap((a) => ['button', 'title', 'message', 'done'].map((part) => `petitions.lifecycle.${a}.${part}`)),
      ...AUDIT_ACTIONS.map(actionKey),
      ...AUDIT_OBJECT_TYPES.map((o) => `audit.objects.${o}`),
      ...AUDIT_AREAS.map((a) => `audit.areas.${a.library}`),
      ...['pending', 'accepted', 'revoked', 'expired'].map((s) => `invitation.state.${s}`),
      ...['first', 'last', 'previous', 'next'].map((c) => `table.${c}`),
      ...TARGET_KINDS.map((k) => `targets.kind.${k}`),
      ...FOCUS_AREAS.map((a) => `targets.focusArea.${a}`),
      ...EMAIL_STATES.map((s) => `targets.emailState.${s}`),
      ...TARGET_SORTS.map((s) => `targets.sort.${s}`),
      ...IMPORT_KINDS.flatMap((k) => [
        `targets.import.kind.${k}`,
        `targets.import.fileHint.${k}`,
        `targets.import.missingHint.${k}`,
        `targets.import.openList.${k}`,
        ...IMPORT_FIELD_NAMES[k].map((f) => `targets.import.field.${f}`),
        ...MISSING_POLICIES[k].flatMap((p) => [
          `targets.import.missing.${p}`,
          `targets.import.missingExplained.${k}.${p}`,
        ]),
      ]),
      ...IMPORT_STATUSES.map((s) => `targets.import.status.${s}`),
      ...['checked', 'applied'].flatMap((when) =>
        ['created', 'updated', 'unchanged', 'errors', 'removed.keep', 'removed.disable', 'removed.delete'].map(
          (c) => `targets.import.count.${when}.${c}`,
        ),
      ),
      ...[1, 2, 3, 4].map((n) => `targets.import.stepName.${n}`),
      ...[...INBOUND_KINDS, 'unread'].map((k) => `replies.kind.${k}`),
      ...ALERT_KINDS.map((k) => `replies.alerts.kind.${k}`),
      ...THREADED_BY.map((b) => `replies.view.threadedBy.${b}`),
      ...AREA_FILTERS.map((a) => `recommendations.focusArea.${a}`),
      ...VERIFICATION_LEVELS.map((l) => `recommendations.level.${l}`),
      ...SOURCES.map((s) => `recommendations.source.${s}`),
      ...['own', 'studyRecommends', 'studyFinding', 'notConfirmed'].map((a) => `recommendations.attribution.${a}`),
      ...STATUSES.map((s) => `implementation.status.${s}`),
      ...HISTORY_EVENTS.map((e) => `implementation.event.${e}`),
      ...STATUS_AREA_FILTERS.map((a) => `implementation.focusArea.${a}`),
      ...STANCES.map((s) => `responses.stance.${s}`),
      ...CHANNELS.map((c) => `responses.channel.${c}`),
      ...RESPONSE_STATUSES.map((s) => `responses.status.${s}`),
      ...FOLLOW_UP_STATUSES.flatMap((s) => [`followups.status.${s}`, `followups.statusChanged.${s}`]),
      ...ESCALATION_ACTIONS.map((a) => `followups.escalations.actions.${a}`),
      ...ESCALATION_OUTCOMES.map((o) => `followups.escalations.outcomes.${o}`),
    ];
    expect(built.filter((key) => !(key in CATALOGUES.en))).toEqual([]);
  });

  // The list comes from the libraries' declarations (audit-vocabulary.json); a label for anything else is left over.
  it('labels exactly the audit actions, object types and areas the libraries declare', () => {
    const labelled = (prefix: string): string[] =>
      Object.keys(CATALOGUES.en)
        .filter((key) => key.startsWith(prefix))
        .sort();
    expect(labelled('audit.actions.')).toEqual(AUDIT_ACTIONS.map(actionKey).sort());
    expect(labelled('audit.objects.')).toEqual(AUDIT_OBJECT_TYPES.map((o) => `audit.objects.${o}`).sort());
    expect(labelled('audit.areas.')).toEqual(AUDIT_AREAS.map((a) => `audit.areas.${a.library}`).sort());
  });
});
