import { Clock } from '../time/clock.js';

/** A clock a test sets and moves: every process of one harness shares it, so they agree on "now". */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2027-03-01T09:00:00Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
