import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlOne, sqlRows } from '#rally/core';
import { EscalationJob, FollowUpJob } from '#rally/followups';
import { ManualClock } from '#rally-testing/core';
import { anEscalationRule } from '#rally-testing/followups';
import { aLetterAction, aStoredLetter } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aResponse } from '#rally-testing/responses';
import { aTarget } from '#rally-testing/targets';
import { waitUntil } from '../support/processes.js';
import { jobRunsOn, startRally, startWorkerContext, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';

const DAY = 86_400_000;

/**
 * Escalation rules with a clock the test moves and two workers evaluating: each rule acts once per silent target
 * (a substantive response stops it, an acknowledgement does not), and the history says what it did.
 */
describe('escalation rules: no substantive response within N days of delivery, once per rule and target', () => {
  const clock = new ManualClock('2027-03-01T09:00:00Z');
  let rally: RallyHarness;
  let second: INestApplicationContext;
  let db: DataSource;
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let api: StaffApi;

  beforeAll(async () => {
    rally = await startRally({
      clock,
      env: {
        FOLLOWUP_ESCALATION_MS: '100',
        FOLLOWUP_REMINDER_MS: '3600000',
        FOLLOWUP_DIGEST_MS: '3600000',
        QUEUE_SCHEDULE_REFRESH_SECONDS: '1',
      },
    });
    second = await startWorkerContext(rally.config, clock);
    db = dataSourceOf(rally);
    admin = await createOrgWithMember(rally, { role: Role.Admin, organisation: { defaultLanguage: 'fr' } });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    api = staffApi(rally, coordinator);
  });
  afterAll(async () => {
    await second.close();
    await rally.close();
  });

  const workers = (): INestApplicationContext[] => [rally.worker!, second];
  async function race(): Promise<void> {
    for (let i = 0; i < 3; i += 1) await Promise.all(workers().map((w) => w.get(EscalationJob).handle()));
  }
  async function settle(): Promise<void> {
    await jobRunsOn(workers(), FollowUpJob.Escalations, 4);
    await waitUntil(
      async () =>
        (
          await sqlOne<{ n: number }>(
            db,
            `SELECT count(*)::int AS n FROM mail_outbox WHERE status IN ('pending', 'sending')`,
          )
        ).n === 0,
      10_000,
    );
  }
  async function delivered(actionId: string, targetId: string, at: Date): Promise<void> {
    const { letterId } = await aStoredLetter(rally, admin, actionId, targetId);
    await db.query(`UPDATE letters SET status = 'handed', handed_at = $2 WHERE id = $1`, [letterId, at]);
  }
  const runsOf = (ruleId: string) =>
    sqlRows<{ target_id: string; outcome: string; follow_up_id: string | null }>(
      db,
      `SELECT target_id, outcome, follow_up_id FROM escalation_runs WHERE rule_id = $1 ORDER BY target_id`,
      [ruleId],
    );

  it('creates a follow-up, opens the next wave and tells the coordinators, once, for silent targets only', async () => {
    const campaignId = await aCampaign(rally, admin);
    const wave = await aLetterAction(rally, admin, { campaignId });
    const nextWave = await aLetterAction(rally, admin, { campaignId, status: 'draft', title: 'To the Ombudsperson' });
    const silent = await aTarget(rally, admin, { name: 'Ministry of Justice' });
    const acknowledged = await aTarget(rally, admin, { name: 'Ministry of the Interior' });
    const answered = await aTarget(rally, admin, { name: 'Ministry of Health' });
    const start = clock.now();
    for (const t of [silent, acknowledged, answered]) await delivered(wave.id, t.id, start);
    // A later letter to the same target does not restart its clock: the first delivery counts.
    await delivered(wave.id, silent.id, new Date(start.getTime() + 10 * DAY));
    await aResponse(rally, admin, {
      targetId: acknowledged.id,
      campaignId,
      stance: 'acknowledged',
      occurredOn: '2027-03-05',
    });
    await aResponse(rally, admin, { targetId: answered.id, campaignId, stance: 'refused', occurredOn: '2027-03-20' });

    const followUp = await anEscalationRule(rally, admin, {
      campaignId,
      ownerId: coordinator.user.id,
      followUpDueDays: 5,
    });
    const notify = await anEscalationRule(rally, admin, { campaignId, action: 'notify', name: 'Tell us' });
    const open = await anEscalationRule(rally, admin, {
      campaignId,
      action: 'open-action',
      letterActionId: nextWave.id,
      targetIds: [silent.id],
      name: 'Next wave',
    });

    clock.set(new Date(start.getTime() + 29 * DAY));
    await race();
    await settle();
    expect(await runsOf(followUp.id)).toEqual([]);

    clock.set(new Date(start.getTime() + 30 * DAY + 60_000)); // 31 March 09:01 UTC
    await waitUntil(async () => (await runsOf(notify.id)).length === 2, 10_000);
    await race();
    await settle();
    const byTarget = (rows: { target_id: string; outcome: string }[]) =>
      Object.fromEntries(rows.map((r) => [r.target_id, r.outcome]));
    expect(byTarget(await runsOf(followUp.id))).toEqual({
      [silent.id]: 'follow-up-created',
      [acknowledged.id]: 'follow-up-created',
    });
    expect(byTarget(await runsOf(notify.id))).toEqual({
      [silent.id]: 'coordinators-notified',
      [acknowledged.id]: 'coordinators-notified',
    });
    expect(byTarget(await runsOf(open.id))).toEqual({ [silent.id]: 'action-opened' });
    expect(
      (await sqlOne<{ status: string }>(db, `SELECT status FROM letter_actions WHERE id = $1`, [nextWave.id])).status,
    ).toBe('open');

    const created = await sqlRows<{ title: string; due_on: string; owner_id: string; campaign_id: string }>(
      db,
      `SELECT f.title, to_char(f.due_on, 'YYYY-MM-DD') AS due_on, f.owner_id, f.campaign_id FROM follow_ups f
        JOIN follow_up_targets x ON x.follow_up_id = f.id WHERE f.organization_id = $1 ORDER BY f.title`,
      [admin.organisation.id],
    );
    expect(created).toEqual([
      {
        title: 'Call the cabinet: Ministry of Justice',
        due_on: '2027-04-05',
        owner_id: coordinator.user.id,
        campaign_id: campaignId,
      },
      {
        title: 'Call the cabinet: Ministry of the Interior',
        due_on: '2027-04-05',
        owner_id: coordinator.user.id,
        campaign_id: campaignId,
      },
    ]);
    // Two coordinators-or-admins, two silent targets: four mails, in the organisation's language.
    const notices = rally.smtp!.messages.filter((m) => m.subject.startsWith('Aucune réponse de fond'));
    expect(notices.map((m) => m.to).sort()).toEqual(
      [admin.user.email, admin.user.email, coordinator.user.email, coordinator.user.email].sort(),
    );
    expect(notices.map((m) => m.subject).sort()).toEqual([
      'Aucune réponse de fond de Ministry of Justice en 30 jours',
      'Aucune réponse de fond de Ministry of Justice en 30 jours',
      'Aucune réponse de fond de Ministry of the Interior en 30 jours',
      'Aucune réponse de fond de Ministry of the Interior en 30 jours',
    ]);

    // The history over HTTP; a rule that acted is disabled, not deleted.
    const runs = await api<{ items: { targetName: string; outcome: string; followUpId: string | null }[] }>(
      'GET',
      `/escalation-rules/${followUp.id}/runs`,
    );
    expect(runs.body.items.map((r) => r.targetName).sort()).toEqual([
      'Ministry of Justice',
      'Ministry of the Interior',
    ]);
    expect(runs.body.items.every((r) => r.followUpId !== null)).toBe(true);
    expect((await api('DELETE', `/escalation-rules/${followUp.id}`)).status).toBe(409);
    expect((await api('PATCH', `/escalation-rules/${followUp.id}`, { enabled: false })).body).toMatchObject({
      enabled: false,
      runs: 2,
    });
  });

  it('answers every invalid field with a 422 naming it; another organisation’s rule is a 404', async () => {
    const campaignId = await aCampaign(rally, admin);
    const stranger = await createOrgWithMember(rally, { role: Role.Admin });
    const foreignCampaign = await aCampaign(rally, stranger);
    const foreignTarget = await aTarget(rally, stranger);
    const openAction = await aLetterAction(rally, admin, { campaignId });
    const body = (o: Record<string, unknown>) => ({
      campaignId,
      name: 'No answer',
      days: 30,
      action: 'notify',
      ...o,
    });
    for (const [override, field] of [
      [{ campaignId: foreignCampaign }, 'campaignId'],
      [{ campaignId: 'x' }, 'campaignId'],
      [{ name: '' }, 'name'],
      [{ days: 0 }, 'days'],
      [{ days: 366 }, 'days'],
      [{ days: '30' }, 'days'],
      [{ action: 'escalate' }, 'action'],
      [{ targetIds: [foreignTarget.id] }, 'targetIds'],
      [{ targetIds: 'all' }, 'targetIds'],
      [{ action: 'follow-up', followUpTitle: 'Call' }, 'ownerId'],
      [{ action: 'follow-up', ownerId: coordinator.user.id }, 'followUpTitle'],
      [{ action: 'follow-up', ownerId: stranger.user.id, followUpTitle: 'Call' }, 'ownerId'],
      [
        { action: 'follow-up', ownerId: coordinator.user.id, followUpTitle: 'Call', followUpDueDays: -1 },
        'followUpDueDays',
      ],
      [{ action: 'open-action' }, 'letterActionId'],
      [{ action: 'open-action', letterActionId: openAction.id }, 'letterActionId'],
      [{ enabled: 'yes' }, 'enabled'],
    ] as const) {
      const res = await api('POST', '/escalation-rules', body(override));
      expect([res.status, field, Object.keys(res.body.fields ?? {})]).toEqual([422, field, [field]]);
    }
    const created = await api<{ id: string; runs: number }>('POST', '/escalation-rules', body({}));
    expect([created.status, created.body.runs]).toEqual([201, 0]);
    const patched = await api('PATCH', `/escalation-rules/${created.body.id}`, { action: 'follow-up' });
    expect([patched.status, Object.keys(patched.body.fields ?? {})]).toEqual([422, ['ownerId']]);
    expect((await staffApi(rally, stranger)('GET', `/escalation-rules/${created.body.id}`)).status).toBe(404);
    const campaignerApi = staffApi(rally, await addMember(rally, admin.organisation, { role: Role.Campaigner }));
    expect((await campaignerApi('GET', `/escalation-rules/${created.body.id}`)).status).toBe(200);
    expect((await campaignerApi('POST', '/escalation-rules', body({}))).status).toBe(403);
    expect((await api('DELETE', `/escalation-rules/${created.body.id}`)).status).toBe(204);
  });
});
