/**
 * Reads of credit grades: an enterprise's own (with the breakdown, the inputs, objections
 * and trace), a period's for admins, and the published list (grades of graded enterprises
 * only, no breakdown, no personal data).
 */
import { GRADES } from '../domain/credit/model';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { creditGradesRepository } from '../store/credit-grades-repository';
import { gradeSummary, gradeView, publishedView } from '../views/credit-grade-views';

export async function gradeDetails(store: StoreContext, tenantId: string, period: string) {
  const repo = creditGradesRepository(store);
  const [grade, objections, trace] = await Promise.all([repo.get(tenantId, period), repo.objections(tenantId, period), repo.trace(tenantId, period)]);
  if (!grade) throw problems.notFound(`A credit grade for ${period}`);
  return gradeView(grade, objections, trace);
}

export async function gradesOfTenant(store: StoreContext, tenantId: string) {
  return { items: (await creditGradesRepository(store).ofTenant(tenantId)).map(gradeSummary) };
}

export async function gradesOfPeriod(store: StoreContext, period: string) {
  return { items: (await creditGradesRepository(store).ofPeriod(period)).map(gradeSummary) };
}

const rank = (grade: string) => GRADES.indexOf(grade as (typeof GRADES)[number]);

/** The year's published grades, best first (grade, then score, then name), and how many of each. */
export async function publishedGrades(store: StoreContext, year: string, grade?: string) {
  const all = await creditGradesRepository(store).published(year);
  const distribution = Object.fromEntries(GRADES.map((g) => [g, all.filter((p) => p.grade === g).length])) as Record<(typeof GRADES)[number], number>;
  const items = all
    .filter((p) => grade === undefined || p.grade === grade)
    .sort((a, b) => rank(a.grade) - rank(b.grade) || b.score - a.score || a.enterpriseName.localeCompare(b.enterpriseName, 'zh-CN') || a.tenantId.localeCompare(b.tenantId))
    .map(publishedView);
  return { year, distribution, items };
}

/**
 * The employer's grade as the public certificate check shows it: the latest published one
 * of this year, else of last year; undefined when the enterprise has none.
 */
export async function employerGrade(store: StoreContext, tenantId: string, today: string): Promise<{ grade: string; period: string } | undefined> {
  const repo = creditGradesRepository(store);
  const year = Number(today.slice(0, 4));
  const found = (await repo.publishedOf(String(year), tenantId)) ?? (await repo.publishedOf(String(year - 1), tenantId));
  return found ? { grade: found.grade, period: found.period } : undefined;
}
