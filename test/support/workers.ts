/** Test people: valid resident ID numbers (check character computed) and names. */
import { residentIdCheckCharacter } from '../../shared/domain/worker/resident-id';

/** A valid ID number from region, birth date (YYYYMMDD) and a 3-digit sequence. */
export function residentId(region = '440308', birth = '19900101', sequence = '123'): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

export interface Person {
  idNumber: string;
  name: string;
}

let counter = 0;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['小明', '秀英', '桂兰', '建华', '丽娟', '志强', '美玲', '海燕', '国平', '春梅'];

/** A new person per call (distinct ID number and a full name of 3 characters). */
export function person(): Person {
  const n = ++counter;
  return {
    idNumber: residentId('440106', `19${String(70 + (n % 30)).padStart(2, '0')}0${1 + (n % 9)}1${n % 10}`, String(100 + (n % 900)).padStart(3, '0')),
    name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`,
  };
}

/**
 * The POST /v1/workers body for a cleaner who consents to credit checks and to being put on
 * an insurance roster: what an enrolment (and so a covered claim) needs.
 */
export const insurableWorkerBody = (p: Person) => ({
  idNumber: p.idNumber,
  name: p.name,
  serviceCategories: ['cleaning'],
  consents: [
    { scope: 'credit-information', version: '2026-01', granted: true },
    { scope: 'insurance-roster', version: '2026-01', granted: true },
  ],
});

/** The ID number as a Chinese input method may type it (full-width digits). */
export const fullWidth = (idNumber: string): string => idNumber.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** Strings that must never be found where personal data is not allowed: the ID number (either width), and the full name. */
export const plaintextOf = (people: readonly Person[]): string[] => people.flatMap((p) => [p.idNumber, fullWidth(p.idNumber), p.name]);
