// Numbers and times in the browser's own locale.

const numbers = new Intl.NumberFormat();
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const number = value => (typeof value === 'number' ? numbers.format(value) : value ?? '—');

export const when = iso => (iso ? dateTime.format(new Date(iso)) : '—');

/** A UTC calendar day ("2026-12-03") as the browser writes a short date ("3 Dec"). */
export const day = isoDay => dateOnly.format(new Date(`${isoDay}T00:00:00Z`));

const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [7, 'day'], [4.35, 'week'], [12, 'month'], [Infinity, 'year']];

/** "3 minutes ago", "yesterday". */
export function ago(iso, now = Date.now()) {
  let amount = (new Date(iso).getTime() - now) / 1000;
  for (const [size, unit] of steps) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return when(iso);
}

/** Bytes as "1.2 MB". */
export function bytes(count) {
  if (typeof count !== 'number') return '—';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = count;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}
