/**
 * EventBridge cron expressions: `cron(minutes hours day-of-month month day-of-week year)`,
 * evaluated in UTC, as documented in "Schedule expressions for rules"
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
 *
 *   minutes 0-59, hours 0-23, month 1-12 | JAN-DEC, year 1970-2199: `, - * /`
 *   day-of-month 1-31: `, - * ? /`, or one of `L` (last day), `LW` (last weekday), `<n>W`
 *   day-of-week 1-7 | SUN-SAT (1 = Sunday): `, - * ?`, or one of `<d>L` (last <d> of the
 *     month; `L` alone = Saturday), `<d>#<k>` (k-th <d> of the month)
 *   exactly one of day-of-month and day-of-week must be `?`.
 *
 * Anything else (wrapping ranges, L/W/# inside lists, offsets like `L-3`) is refused with a
 * message saying what is supported, rather than guessed at.
 */

export class CronError extends Error {
  constructor(expression: string, message: string) {
    super(`cron(${expression}): ${message}`);
    this.name = 'CronError';
  }
}

type DayOfMonth =
  | { kind: 'any' }
  | { kind: 'set'; values: Set<number> }
  | { kind: 'last' }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number };

type DayOfWeek =
  | { kind: 'any' }
  | { kind: 'set'; values: Set<number> }
  | { kind: 'lastOfMonth'; weekday: number }
  | { kind: 'nth'; weekday: number; n: number };

export interface CronSpec {
  expression: string;
  minutes: Set<number>;
  hours: Set<number>;
  dayOfMonth: DayOfMonth;
  months: Set<number>;
  dayOfWeek: DayOfWeek;
  years: Set<number>;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

interface FieldRange {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS = {
  minutes: { name: 'minutes', min: 0, max: 59 },
  hours: { name: 'hours', min: 0, max: 23 },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31 },
  months: { name: 'month', min: 1, max: 12, names: MONTHS },
  dayOfWeek: { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS },
  years: { name: 'year', min: MIN_YEAR, max: MAX_YEAR },
} satisfies Record<string, FieldRange>;

function value(token: string, field: FieldRange, expression: string): number {
  const named = field.names?.indexOf(token.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + field.min : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(n) || n < field.min || n > field.max) {
    throw new CronError(expression, `${field.name} value "${token}" is not in ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''}`);
  }
  return n;
}

/** `*`, `a`, `a-b`, `*\/s`, `a/s`, `a-b/s`, and comma lists of them. */
function parseSet(text: string, field: FieldRange, expression: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new CronError(expression, `${field.name} "${part}" is not a value, range or step`);
    const [, base, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new CronError(expression, `${field.name} step must be at least 1`);
    let from: number;
    let to: number;
    if (base === '*') {
      [from, to] = [field.min, field.max];
    } else if (base!.includes('-')) {
      const [a, b, ...rest] = base!.split('-');
      if (rest.length > 0 || !a || !b) throw new CronError(expression, `${field.name} range "${base}" is malformed`);
      [from, to] = [value(a, field, expression), value(b, field, expression)];
      if (from > to) throw new CronError(expression, `${field.name} range "${base}" runs backwards (wrapping ranges are not supported)`);
    } else {
      from = value(base!, field, expression);
      // `a/s` means "from a to the end, every s".
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function parseDayOfMonth(text: string, expression: string): DayOfMonth {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) return { kind: 'nearestWeekday', day: value(weekday[1]!, FIELDS.dayOfMonth, expression) };
  if (/[LW#]/i.test(text)) {
    throw new CronError(expression, `day-of-month "${text}": L, LW and <n>W are supported only as the whole field`);
  }
  return text === '*' ? { kind: 'any' } : { kind: 'set', values: parseSet(text, FIELDS.dayOfMonth, expression) };
}

function parseDayOfWeek(text: string, expression: string): DayOfWeek {
  if (text === '?' || text === '*') return { kind: 'any' };
  if (text === 'L') return { kind: 'lastOfMonth', weekday: 7 };
  const last = /^(\w+)L$/i.exec(text);
  if (last && !text.includes(',')) return { kind: 'lastOfMonth', weekday: value(last[1]!, FIELDS.dayOfWeek, expression) };
  const nth = /^(\w+)#(\d)$/.exec(text);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw new CronError(expression, `day-of-week "${text}": the week must be 1-5`);
    return { kind: 'nth', weekday: value(nth[1]!, FIELDS.dayOfWeek, expression), n };
  }
  if (/#/.test(text) || /\dL|^L|,L/i.test(text)) {
    throw new CronError(expression, `day-of-week "${text}": <d>L and <d>#<k> are supported only as the whole field`);
  }
  return { kind: 'set', values: parseSet(text, FIELDS.dayOfWeek, expression) };
}

/** Parses the six fields inside `cron(...)`. */
export function parseCron(expression: string): CronSpec {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new CronError(expression, `expected 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  }
  const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    throw new CronError(expression, 'exactly one of day-of-month and day-of-week must be "?"');
  }
  for (const [text, field] of [[minutes, FIELDS.minutes], [hours, FIELDS.hours], [month, FIELDS.months], [year, FIELDS.years]] as const) {
    // Month names contain L (JUL); strip them before looking for the L/W/# wildcards.
    const wildcards = text.replace(new RegExp(MONTHS.join('|'), 'gi'), '');
    if (text === '?' || /[LW#]/i.test(wildcards)) {
      throw new CronError(expression, `${field.name} "${text}": only , - * / are allowed`);
    }
  }
  return {
    expression,
    minutes: parseSet(minutes, FIELDS.minutes, expression),
    hours: parseSet(hours, FIELDS.hours, expression),
    dayOfMonth: parseDayOfMonth(dom, expression),
    months: parseSet(month, FIELDS.months, expression),
    dayOfWeek: parseDayOfWeek(dow, expression),
    years: parseSet(year, FIELDS.years, expression),
  };
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 = Sunday ... 7 = Saturday, the numbering cron uses. */
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
const isWeekday = (year: number, month: number, day: number) => {
  const d = weekdayOf(year, month, day);
  return d >= 2 && d <= 6;
};

function nearestWeekday(year: number, month: number, day: number): number | undefined {
  const last = daysInMonth(year, month);
  if (day > last) return undefined;
  const d = weekdayOf(year, month, day);
  // Never crosses into another month: the 1st on a Saturday moves to Monday the 3rd, etc.
  if (d === 7) return day === 1 ? 3 : day - 1;
  if (d === 1) return day === last ? day - 2 : day + 1;
  return day;
}

function dayMatches(spec: CronSpec, year: number, month: number, day: number): boolean {
  const dom = spec.dayOfMonth;
  const last = daysInMonth(year, month);
  switch (dom.kind) {
    case 'set':
      if (!dom.values.has(day)) return false;
      break;
    case 'last':
      if (day !== last) return false;
      break;
    case 'lastWeekday': {
      let d = last;
      while (!isWeekday(year, month, d)) d--;
      if (day !== d) return false;
      break;
    }
    case 'nearestWeekday':
      if (nearestWeekday(year, month, dom.day) !== day) return false;
      break;
    case 'any':
      break;
  }
  const dow = spec.dayOfWeek;
  const weekday = weekdayOf(year, month, day);
  switch (dow.kind) {
    case 'set':
      return dow.values.has(weekday);
    case 'lastOfMonth':
      return weekday === dow.weekday && day + 7 > last;
    case 'nth':
      return weekday === dow.weekday && Math.ceil(day / 7) === dow.n;
    case 'any':
      return true;
  }
}

/** The first fire time strictly after `afterMs` (epoch ms, UTC), or undefined after year 2199. */
export function nextCronTime(spec: CronSpec, afterMs: number): number | undefined {
  const start = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  let [y, mo, d, h, mi] = [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes()];
  // Each step moves to the start of the next candidate unit; Date.UTC normalizes overflow.
  const set = (ms: number) => {
    const t = new Date(ms);
    [y, mo, d, h, mi] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
  };
  while (y <= MAX_YEAR) {
    if (!spec.years.has(y)) set(Date.UTC(y + 1, 0, 1));
    else if (!spec.months.has(mo)) set(Date.UTC(y, mo, 1));
    else if (!dayMatches(spec, y, mo, d)) set(Date.UTC(y, mo - 1, d + 1));
    else if (!spec.hours.has(h)) set(Date.UTC(y, mo - 1, d, h + 1));
    else if (!spec.minutes.has(mi)) set(Date.UTC(y, mo - 1, d, h, mi + 1));
    else return Date.UTC(y, mo - 1, d, h, mi);
  }
  return undefined;
}
