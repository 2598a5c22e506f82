/** Local dates and times as checklists write them. */

/** 2026-11-28T01:02:03+01:00: the local time with its offset. */
export function isoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** 2026-11-28, the local date. */
export function localDate(date: Date): string {
  return isoWithOffset(date).slice(0, 10);
}

/** 2026-11-28 01:02:03, the local date and time, for rows and messages. */
export function localDateTime(date: Date): string {
  return isoWithOffset(date).slice(0, 19).replace('T', ' ');
}
