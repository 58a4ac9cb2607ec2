/**
 * The enterprise credit formula of model 2026.1, written a second time straight from
 * docs/credit-grading.md, for tests that need an expected grade (unit agreement tests, end
 * to end). It shares nothing with the model's code but the input types: if the two
 * disagree, either the code or the document is wrong.
 *
 * It does not guard its inputs (the model does); give it valid inputs only. It follows the
 * document's order of operations exactly (sum the months, normalise, weight × normalised,
 * add in the listed order, round once), so it agrees with the model to the bit.
 */
import type { EnterpriseCreditInputs } from '../../shared/domain/credit/facts';

export interface ExpectedGrade {
  score: number;
  grade: '5A' | '4A' | '3A' | '2A' | '1A' | null;
  eligible: boolean;
  notGradedReasons: ('tenure' | 'orders' | 'blacklisted')[];
  cappedAt?: '2A';
  window: { from: string; to: string };
  /** Points per dimension, unrounded, in the document's order. */
  dimensionPoints: { strength: number; service: number; management: number; 'public-credit': number };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (year: number, monthIndex: number, day: number) => {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d;
};

/** clamp(x, 0, 1) */
const unit = (x: number) => Math.min(1, Math.max(0, x));
/** "clamp((value − worst) ÷ (best − worst), 0, 1)" */
const between = (value: number, worst: number, best: number) => unit((value - worst) / (best - worst));

export function expectedGrade(inputs: EnterpriseCreditInputs): ExpectedGrade {
  const year = Number(inputs.period.slice(0, 4));
  const month = Number(inputs.period.slice(5, 7));
  // "The window is the 12 calendar months ending with the period."
  const firstMonth = utc(year, month - 12, 1);
  const window = { from: ymd(firstMonth).slice(0, 7), to: inputs.period };
  const windowFirstDay = ymd(firstMonth);
  const dayAfter = utc(year, month, 1);
  const windowLastDay = ymd(utc(year, month, 0));

  // Tenure: whole months from joinedOn to the day after the period's last day.
  const [jy, jm, jd] = inputs.joinedOn.split('-').map(Number) as [number, number, number];
  let tenure = (dayAfter.getUTCFullYear() - jy) * 12 + (dayAfter.getUTCMonth() + 1 - jm);
  if (dayAfter.getUTCDate() < jd) tenure -= 1;
  if (tenure < 0) tenure = 0;

  // "Sum first", oldest month first.
  const byPeriod = [...inputs.months].sort((a, b) => (a.period < b.period ? -1 : 1));
  let created = 0, completed = 0, checkIns = 0, onTime = 0, noShows = 0, cancels = 0;
  let ratings = 0, stars = 0, opened = 0, resolved = 0, hours = 0;
  for (const m of byPeriod) {
    created += m.ordersCreated;
    completed += m.ordersCompleted;
    checkIns += m.checkIns;
    onTime += m.onTimeCheckIns;
    noShows += m.workerNoShows;
    cancels += m.enterpriseCancellations;
    ratings += m.ratings;
    stars += m.ratingStarsSum;
    opened += m.complaintsOpened;
    resolved += m.complaintsResolved;
    hours += m.complaintResolutionHoursSum;
  }

  const s = inputs.staff;
  // 企业实力
  const strength = 0 + 8 * (Math.min(s.currentWorkers, 50) / 50) + 7 * (Math.min(tenure, 60) / 60);

  // 服务能力, with the document's 0/0 cases.
  const volume = Math.min(1, Math.log10(1 + completed) / Math.log10(1001));
  const punctual = checkIns > 0 ? between(onTime / checkIns, 0.8, 0.98) : 0;
  const due = completed + noShows;
  const present = due > 0 ? between(noShows / due, 0.05, 0.01) : 1;
  let cancellation: number;
  if (created > 0) cancellation = between(Math.min(1, cancels / created), 0.12, 0.02);
  else cancellation = cancels > 0 ? between(1, 0.12, 0.02) : 1;
  const rating = ratings >= 10 ? between(stars / ratings, 3, 5) : 0.5;
  const complaints = completed > 0 ? between((100 * opened) / completed, 4.5, 0.5) : opened > 0 ? 0 : 1;
  const resolution = resolved > 0 ? between(hours / resolved, 168, 24) : opened > 0 ? 0 : 1;
  const service = 0 + 8 * volume + 7 * punctual + 6 * present + 4 * cancellation + 8 * rating + 7 * complaints + 5 * resolution;

  // 管理能力: shares of all current workers; none → 0.
  const share = (n: number) => (s.currentWorkers > 0 ? n / s.currentWorkers : 0);
  const management = 0 + 8 * share(s.certified) + 6 * share(s.trained) + 6 * share(s.insured) + 5 * share(s.greenLights);

  // 公共信用: records in effect during the window; a black list on the last day.
  let rewards = 0;
  let penalties = 0;
  let blacklisted = false;
  for (const r of inputs.publicRecords) {
    const endsOn = r.until ?? '9999-12-31';
    if (r.effectiveOn > windowLastDay || endsOn < windowFirstDay) continue;
    if (r.kind === 'reward') rewards += r.points;
    if (r.kind === 'penalty') penalties += r.points;
    if (r.kind === 'blacklist' && r.effectiveOn <= windowLastDay && endsOn >= windowLastDay) blacklisted = true;
  }
  const publicCredit = 15 * unit((15 - penalties + rewards) / 15);

  const total = 0 + strength + service + management + publicCredit;
  const score = Math.round(Math.abs(total) * 100) / 100;

  const notGradedReasons: ExpectedGrade['notGradedReasons'] = [];
  if (!(tenure >= 12)) notGradedReasons.push('tenure');
  if (!(completed >= 10)) notGradedReasons.push('orders');
  if (blacklisted) notGradedReasons.push('blacklisted');
  const eligible = notGradedReasons.length === 0;
  const capped = penalties >= 5;

  let grade: ExpectedGrade['grade'] = score >= 90 ? '5A' : score >= 80 ? '4A' : score >= 70 ? '3A' : score >= 60 ? '2A' : '1A';
  if (capped && (grade === '5A' || grade === '4A' || grade === '3A')) grade = '2A';
  if (!eligible) grade = null;

  return {
    score,
    grade,
    eligible,
    notGradedReasons,
    ...(capped ? { cappedAt: '2A' as const } : {}),
    window,
    dimensionPoints: { strength, service, management, 'public-credit': publicCredit },
  };
}
