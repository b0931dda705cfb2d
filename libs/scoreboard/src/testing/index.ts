import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import type { HolidayCreateDto, HolidayResponse } from '../dto/scoreboard.dto.js';
import { HolidayService } from '../holidays/holiday.service.js';

let day = 0;

/** A holiday of the organisation in France, on a day no other test holiday of this process took. */
export function aHoliday(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<HolidayCreateDto> = {},
): Promise<HolidayResponse> {
  day += 1;
  const date = new Date(Date.UTC(2030, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return rally.api
    .get(HolidayService)
    .create(authOf(owner), { country: 'FR', day: date, name: 'A holiday', ...overrides });
}
