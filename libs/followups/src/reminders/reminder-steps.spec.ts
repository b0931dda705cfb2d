import { firstReminderOn, nextReminderOn, reminderSteps, stepToSend } from './reminder-steps.js';

describe('reminder steps', () => {
  it('orders the steps before and after the due day', () => {
    expect(reminderSteps('2027-03-10', [7, 0, 3])).toEqual([
      { key: 'before:7', on: '2027-03-03' },
      { key: 'before:3', on: '2027-03-07' },
      { key: 'before:0', on: '2027-03-10' },
      { key: 'overdue:1', on: '2027-03-11' },
      { key: 'overdue:2', on: '2027-03-18' },
      { key: 'overdue:3', on: '2027-03-25' },
    ]);
  });

  it('sends the latest step reached, once, and never one older than a step already sent', () => {
    expect(stepToSend('2027-03-10', [3], '2027-03-06', null)).toBeNull();
    expect(stepToSend('2027-03-10', [3], '2027-03-07', null)?.key).toBe('before:3');
    expect(stepToSend('2027-03-10', [3], '2027-03-08', '2027-03-07')).toBeNull();
    // Created two days before the due day with a three-day rule: the reminder goes at once.
    expect(stepToSend('2027-03-10', [7, 3], '2027-03-08', null)?.key).toBe('before:3');
    // After an outage, only the current step: no stale "due in 3 days" once it is overdue.
    expect(stepToSend('2027-03-10', [3], '2027-03-12', null)?.key).toBe('overdue:1');
    // A new, earlier step from a settings change does not resend what a later step covered.
    expect(stepToSend('2027-03-10', [5], '2027-03-08', '2027-03-07')).toBeNull();
  });

  it('looks again on the next step day, and stops after the last overdue reminder', () => {
    expect(nextReminderOn('2027-03-10', [3], '2027-03-07')).toBe('2027-03-11');
    expect(nextReminderOn('2027-03-10', [3], '2027-03-25')).toBeNull();
    expect(firstReminderOn('2027-03-10', [])).toBe('2027-03-11');
    expect(firstReminderOn('2028-03-01', [1])).toBe('2028-02-29');
  });
});
