/** Dates as documents write them, normalised to YYYY-MM-DD. */
import { isCalendarDate } from './records.js';

/** Finds a "Date: 2023-09-15" line near the top of a text. */
export function findDateLine(text: string): string | undefined {
  const head = text.split('\n').slice(0, 15);
  for (const line of head) {
    const m = /^\s*(?:\*\*)?(?:date|published|issued)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+?)\s*$/i.exec(line);
    if (m) return normaliseDate(m[1]);
  }
  return undefined;
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

/** Normalises a date as found in documents ("2023-09-15T10:00Z", "D:20230915", "15 September 2023") to YYYY-MM-DD. */
export function normaliseDate(raw: string): string | undefined {
  const s = raw.trim();
  let m = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(s) ?? /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?![\d])/.exec(s);
  if (m) return toIsoDate(+m[1], m[2] ? +m[2] : 1, m[3] ? +m[3] : 1);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return toIsoDate(+m[3], +m[2], +m[1]);
  const year = /\b(1[89]\d{2}|2\d{3})\b/.exec(s);
  const month = /\b([A-Za-z]{3,9})\.?/g;
  if (!year) return undefined;
  for (const mm of s.matchAll(month)) {
    const index = MONTHS.indexOf(mm[1].slice(0, 3).toLowerCase());
    if (index < 0 || !/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(mm[1])) continue;
    const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(s.replace(year[0], ''));
    return toIsoDate(+year[1], index + 1, day ? +day[1] : 1);
  }
  return undefined;
}

function toIsoDate(year: number, month: number, day: number): string | undefined {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}
