import type { SendingWindow } from '../entities/letter-action.entity.js';

/**
 * The zone whose office hours a ministry keeps when its country spans several: the seat of government. Countries with
 * one zone need no entry (the runtime's ICU data knows it); a target's own `timeZone` overrides both.
 */
const SEAT_OF_GOVERNMENT: Record<string, string> = {
  AR: 'America/Argentina/Buenos_Aires',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CD: 'Africa/Kinshasa',
  CL: 'America/Santiago',
  CN: 'Asia/Shanghai',
  CY: 'Asia/Nicosia',
  DE: 'Europe/Berlin',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  FM: 'Pacific/Pohnpei',
  ID: 'Asia/Jakarta',
  KI: 'Pacific/Tarawa',
  KZ: 'Asia/Almaty',
  MH: 'Pacific/Majuro',
  MN: 'Asia/Ulaanbaatar',
  MX: 'America/Mexico_City',
  MY: 'Asia/Kuala_Lumpur',
  NZ: 'Pacific/Auckland',
  PF: 'Pacific/Tahiti',
  PG: 'Pacific/Port_Moresby',
  PS: 'Asia/Hebron',
  PT: 'Europe/Lisbon',
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  UM: 'Pacific/Wake',
  US: 'America/New_York',
  UZ: 'Asia/Tashkent',
};

const zones = new Map<string, string>();

/** The zone of a target's sending window: its own, else its country's seat of government, else UTC. */
export function targetTimeZone(target: { timeZone: string | null; country: string }): string {
  if (target.timeZone) return target.timeZone;
  let zone = zones.get(target.country);
  if (zone === undefined) {
    const known = (new Intl.Locale(`und-${target.country}`) as Intl.Locale & { timeZones?: string[] }).timeZones ?? [];
    zone = SEAT_OF_GOVERNMENT[target.country] ?? (known.length === 1 ? known[0]! : (known[0] ?? 'UTC'));
    zones.set(target.country, zone);
  }
  return zone;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function localParts(at: Date, zone: string): { weekday: number; hour: number; minute: number; second: number } {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    weekday: WEEKDAY[parts.weekday!] ?? 1,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

export function isWithinWindow(window: SendingWindow, zone: string, at: Date): boolean {
  const local = localParts(at, zone);
  return window.weekdays.includes(local.weekday) && local.hour >= window.startHour && local.hour < window.endHour;
}

/**
 * `at` itself when the window is open then, else the start of the next local hour at which it is. Steps by local
 * hours (zones are offset by whole quarters of an hour, so a local hour's start is found by its minutes), at most
 * eight days ahead; a window with no open hour at all (refused at save) gives `at` back rather than never.
 */
export function nextWindowOpening(window: SendingWindow | null, zone: string, at: Date): Date {
  if (!window || isWithinWindow(window, zone, at)) return at;
  const local = localParts(at, zone);
  let candidate = new Date(at.getTime() - (local.minute * 60 + local.second) * 1000 - at.getMilliseconds());
  for (let i = 0; i < 24 * 8; i += 1) {
    candidate = new Date(candidate.getTime() + 3_600_000);
    if (isWithinWindow(window, zone, candidate)) return candidate;
  }
  return at;
}
