/**
 * Where schedules, throttles and sending windows read the time. Production uses the system clock; tests pass a clock
 * they move by hand (`ManualClock` in #rally-testing/core), so "an hour later" needs no hour and no sleep.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
