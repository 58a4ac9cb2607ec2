/**
 * Workload profiles for the monthly model: how many commands of each kind a month brings,
 * derived from the programme's published figures. Every count says where it comes from;
 * bench/README.md ("What Anxin costs a city per month") states the same assumptions.
 */

/** Guangzhou's programme over its first three years (the figures the project is built for). */
export const GUANGZHOU = {
  months: 36,
  enterprises: 530,
  registeredWorkers: 260_000,
  services: 470_000,
  tracedOrders: 400_000,
  certificateHolders: 60_000,
  trainingPersonTimes: 216_000,
  stations: 176,
} as const;

/**
 * Guangdong province ÷ Guangzhou by resident population (2023 statistical bulletins:
 * Guangdong 127.06 million, Guangzhou 18.83 million), assuming the programme reaches the
 * same share of residents in every city of the province as it does in Guangzhou.
 */
export const PROVINCE_MULTIPLIER = 6.75;

export interface CommandVolume {
  /** What happens, in the programme's words. */
  what: string;
  perMonth: number;
  /** Prefix of the bench command whose measured cost prices it. */
  pricedAs: string;
  /** True when the priced command is a stand-in (the real one has no bench driver yet). */
  standIn: boolean;
  assumption: string;
}

export interface Profile {
  name: string;
  /** Months of data the stage holds (storage is priced on what has accumulated). */
  monthsOfData: number;
  commands: CommandVolume[];
  /**
   * The monthly credit grading (one run a month, priced from the scale phase's run when there
   * is one, in proportion to the workers it grades): the workers of the programme.
   */
  gradingWorkers: number;
}

export const LIFECYCLE = 'order full lifecycle';
export const CREATE = 'order create';
export const CLAIM = 'insurance claim';
export const LOOKUP = 'certificate lookup';

/** Claims per service delivered: the programme publishes no claim count, so this is an assumption. */
export const CLAIMS_PER_SERVICE = 0.001;

function programmeCommands(scale: number): CommandVolume[] {
  const g = GUANGZHOU;
  const perMonth = (n: number) => (n * scale) / g.months;
  return [
    {
      what: 'traced orders, each created, assigned, confirmed, checked in and out, rated and closed',
      perMonth: perMonth(g.tracedOrders),
      pricedAs: LIFECYCLE,
      standIn: false,
      assumption: `${g.tracedOrders.toLocaleString('en')} traced orders over ${g.months} months, every one a full lifecycle`,
    },
    {
      what: 'public certificate lookups (QR)',
      perMonth: perMonth(g.services),
      pricedAs: LOOKUP,
      standIn: false,
      assumption: `one household scan per service delivered (${g.services.toLocaleString('en')} services over ${g.months} months)`,
    },
    {
      what: 'insurance claims',
      perMonth: perMonth(g.services) * CLAIMS_PER_SERVICE,
      pricedAs: CLAIM,
      standIn: false,
      assumption: `one claim per ${Math.round(1 / CLAIMS_PER_SERVICE).toLocaleString('en')} services (no published figure)`,
    },
    {
      what: 'worker registrations with their identity, health and background checks',
      perMonth: perMonth(g.registeredWorkers) * 4,
      pricedAs: CREATE,
      standIn: true,
      assumption: `${g.registeredWorkers.toLocaleString('en')} registered workers over ${g.months} months, 4 commands each (register + 3 checks), each priced as one order create`,
    },
    {
      what: 'training enrolments, completions and exam results',
      perMonth: perMonth(g.trainingPersonTimes) * 3,
      pricedAs: CREATE,
      standIn: true,
      assumption: `${g.trainingPersonTimes.toLocaleString('en')} training person-times over ${g.months} months, 3 commands each, each priced as one order create`,
    },
    {
      what: 'certificates issued and activated',
      perMonth: perMonth(g.certificateHolders) * 2,
      pricedAs: CREATE,
      standIn: true,
      assumption: `${g.certificateHolders.toLocaleString('en')} certificate holders over ${g.months} months, issue + activate, each priced as one order create`,
    },
  ];
}

export const PROFILES: Profile[] = [
  // A fresh stage at rest: no traffic, no data (its scheduled jobs still run and find nothing).
  { name: 'idle', monthsOfData: 0, commands: [], gradingWorkers: 0 },
  { name: 'Guangzhou today', monthsOfData: GUANGZHOU.months, commands: programmeCommands(1), gradingWorkers: GUANGZHOU.registeredWorkers },
  { name: '10× Guangzhou', monthsOfData: GUANGZHOU.months, commands: programmeCommands(10), gradingWorkers: GUANGZHOU.registeredWorkers * 10 },
  {
    name: 'Guangdong province',
    monthsOfData: GUANGZHOU.months,
    commands: programmeCommands(PROVINCE_MULTIPLIER),
    gradingWorkers: GUANGZHOU.registeredWorkers * PROVINCE_MULTIPLIER,
  },
];
