import { ConflictError } from '#rally/core';

/** One holiday per day and country: a second one would say nothing more. */
export class ScoreboardHolidayTakenError extends ConflictError {
  constructor(country: string, day: string) {
    super('scoreboard_holiday_taken', `${day} is already a holiday in ${country}`, {
      day: [`${day} is already a holiday in ${country}`],
    });
  }
}
