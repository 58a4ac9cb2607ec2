/**
 * Key builders for the single table. Every tenant-owned item has the tenant id in its
 * partition key, so a lookup built from the caller's tenant cannot reach another
 * tenant's item: isolation by construction, not by a filter someone might forget.
 * See ACCESS-PATTERNS.md beside this file.
 */
import { TABLE_KEYS } from './table-shape';

export const SEQ_WIDTH = 10;

export const keys = {
  tenant: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' }),
  tenantList: () => 'TENANTS',

  apiKey: (keyId: string) => ({ pk: `APIKEY#${keyId}`, sk: 'APIKEY' }),
  tenantKeys: (tenantId: string) => `TENANT#${tenantId}#KEYS`,

  /** An insurer's webhook subscription: one per tenant, beside the tenant record. */
  webhook: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'WEBHOOK' }),

  event: (tenantId: string, eventId: string) => ({ pk: `T#${tenantId}#EVENT#${eventId}`, sk: 'EVENT' }),

  order: (tenantId: string, orderId: string) => ({ pk: `T#${tenantId}#ORDER#${orderId}`, sk: 'ORDER' }),
  orderPartition: (tenantId: string, orderId: string) => `T#${tenantId}#ORDER#${orderId}`,
  traceSk: (seq: number) => `TRACE#${String(seq).padStart(SEQ_WIDTH, '0')}`,
  TRACE_PREFIX: 'TRACE#',

  attendanceSk: (date: string) => `ATTENDANCE#${date}`,
  ATTENDANCE_PREFIX: 'ATTENDANCE#',
  ratingSk: () => 'RATING',

  /** A worker's employment link with an enterprise (one item per tenant and worker). */
  employment: (tenantId: string, workerId: string) => ({ pk: `T#${tenantId}#WORKER#${workerId}`, sk: 'EMPLOYMENT' }),
  /** Rating roll-ups: per worker within an enterprise, and per enterprise. */
  workerRatings: (tenantId: string, workerId: string) => ({ pk: `T#${tenantId}#WORKER#${workerId}`, sk: 'RATINGS' }),
  tenantRatings: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'RATINGS' }),

  /** A complaint lives in its own partition, so it is found by id alone (no GSI, no order id needed). */
  complaint: (tenantId: string, complaintId: string) => ({ pk: `T#${tenantId}#COMPLAINT#${complaintId}`, sk: 'COMPLAINT' }),
  /** Complaint roll-up per enterprise (opened, still open, resolved). */
  tenantComplaints: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'COMPLAINTS' }),
  /** gsi1: a tenant's complaints by opening time; gsi2: those in one status (open, resolved). */
  complaintsByTime: (tenantId: string) => `T#${tenantId}#COMPLAINTS`,
  complaintsByStatus: (tenantId: string, status: string) => `T#${tenantId}#COMPLAINTS#${status}`,
  complaintTimeSk: (openedAt: string, complaintId: string) => `${openedAt}#${complaintId}`,

  /**
   * Claims. A claim lives in the filing enterprise's partition with its trace;
   * a covered claim also has a pointer in its insurer's partition, written in the same
   * transactions, so each side reaches a claim only through its own tenant id.
   */
  claim: (tenantId: string, claimId: string) => ({ pk: `T#${tenantId}#CLAIM#${claimId}`, sk: 'CLAIM' }),
  claimPartition: (tenantId: string, claimId: string) => `T#${tenantId}#CLAIM#${claimId}`,
  insurerClaim: (insurerId: string, claimId: string) => ({ pk: `T#${insurerId}#INSURERCLAIM#${claimId}`, sk: 'INSURERCLAIM' }),
  /** gsi1: an enterprise's claims by filing time; gsi2: those in one status. */
  claimsByTime: (tenantId: string) => `T#${tenantId}#CLAIMS`,
  claimsByStatus: (tenantId: string, status: string) => `T#${tenantId}#CLAIMS#${status}`,
  /** gsi1/gsi2 on the insurer's pointers: the claims addressed to an insurer, all or in one status. */
  insurerClaimsByTime: (insurerId: string) => `T#${insurerId}#INSURERCLAIMS`,
  insurerClaimsByStatus: (insurerId: string, status: string) => `T#${insurerId}#INSURERCLAIMS#${status}`,
  claimTimeSk: (filedAt: string, claimId: string) => `${filedAt}#${claimId}`,

  /**
   * Worker registry. A person is found by the keyed hash of the ID number
   * (PERSON, global: one person, one identity); the worker's own partition (global, not
   * per tenant) holds the profile, its trace and its history items. What an enterprise
   * knows privately (the employment link, ratings) stays under `T#<tenant>#WORKER#…` above.
   */
  person: (idNumberHash: string) => ({ pk: `PERSON#${idNumberHash}`, sk: 'PERSON' }),
  worker: (workerId: string) => ({ pk: `WORKER#${workerId}`, sk: 'WORKER' }),
  /**
   * The worker's person: the keyed hash its PERSON item is keyed by, written with the PERSON
   * item, so the subsidy ledger can name the person without decrypting the ID number.
   */
  workerPersonRef: (workerId: string) => ({ pk: `WORKER#${workerId}`, sk: 'PERSONREF' }),
  workerPartition: (workerId: string) => `WORKER#${workerId}`,
  consentSk: (scope: string, seq: number) => `CONSENT#${scope}#${String(seq).padStart(SEQ_WIDTH, '0')}`,
  CONSENT_PREFIX: 'CONSENT#',
  /** One item per enrolment (attempt) in a course at a training base. */
  trainingSk: (baseTenantId: string, courseCode: string, attempt: number) => `TRAINING#${baseTenantId}#${courseCode}#${String(attempt).padStart(3, '0')}`,
  trainingPrefix: (baseTenantId?: string, courseCode?: string) =>
    `TRAINING#${baseTenantId === undefined ? '' : `${baseTenantId}#${courseCode === undefined ? '' : `${courseCode}#`}`}`,
  /** A finished employment period, kept beside the link when it ends (the link item is reused on re-hire). */
  employmentPeriod: (tenantId: string, workerId: string, since: string) => ({ pk: `T#${tenantId}#WORKER#${workerId}`, sk: `EMPLOYMENT#${since}` }),
  /** gsi1: an enterprise's employment links by start; gsi2: those in one status (current, ended). */
  workersByTime: (tenantId: string) => `T#${tenantId}#WORKERS`,
  workersByStatus: (tenantId: string, status: string) => `T#${tenantId}#WORKERS#${status}`,
  /** A training base's counters for one year (trainees, passes, per category). */
  trainingStats: (tenantId: string, year: string) => ({ pk: `TENANT#${tenantId}`, sk: `TRAININGSTATS#${year}` }),

  /** Rating tokens are looked up by their public id; the secret is stored hashed. */
  ratingToken: (tokenId: string) => ({ pk: `RATINGTOKEN#${tokenId}`, sk: 'RATINGTOKEN' }),

  /**
   * 安心服务证 (certificates). Not tenant-owned: one per person, shared by each employer in
   * turn, so the tenant is not in the key; services check the caller's current employment
   * link instead. The partition also holds the certificate's trace and its lookup audit.
   */
  certificate: (certNo: string) => ({ pk: `CERT#${certNo}`, sk: 'CERT' }),
  certificatePartition: (certNo: string) => `CERT#${certNo}`,
  /** The worker's pointer to their one certificate; its conditional create is what makes it one. */
  workerCertificate: (workerId: string) => ({ pk: `WORKER#${workerId}`, sk: 'CERTIFICATE' }),
  /** The worker's graduation (encrypted; only while the subsidy-graduate consent is open). */
  workerGraduation: (workerId: string) => ({ pk: `WORKER#${workerId}`, sk: 'GRADUATION' }),
  /** QR token → certificate, keyed by the token's SHA-256 so lookup items hold no usable token. */
  certificateQr: (tokenHash: string) => ({ pk: `CERTQR#${tokenHash}`, sk: 'CERTQR' }),
  /** gsi2: certificates by the date the daily job must look at them, in a few shards. */
  certificateReview: (shard: number) => `CERTS#REVIEW#${shard}`,
  certificateReviewSk: (reviewOn: string, certNo: string) => `${reviewOn}#${certNo}`,
  /** Audit of public lookups: in the certificate's partition, or per day for unknown codes. */
  certificateLookupSk: (at: string, id: string) => `LOOKUP#${at}#${id}`,
  unknownCertificateLookups: (date: string) => `CERTLOOKUPS#UNKNOWN#${date}`,
  /** Public lookup throttling: one counter per scope, subject and minute; short TTL. */
  lookupCounter: (scope: 'source' | 'cert', subject: string, window: number) => ({ pk: `THROTTLE#${scope}#${subject}#${window}`, sk: 'THROTTLE' }),
  /** The day's random pepper for hashing source addresses (expires with the day). */
  lookupPepper: (date: string) => ({ pk: `THROTTLE#PEPPER#${date}`, sk: 'PEPPER' }),

  /**
   * Group insurance policies. The policy lives in the insurer's partition with
   * its trace and roster; the enterprise holding it gets a copy under its own tenant, kept
   * equal in every transaction. Each side reaches a policy only through its own tenant id.
   */
  policy: (tenantId: string, policyId: string) => ({ pk: `T#${tenantId}#POLICY#${policyId}`, sk: 'POLICY' }),
  policyPartition: (tenantId: string, policyId: string) => `T#${tenantId}#POLICY#${policyId}`,
  /** An insurer's policy numbers are unique: this item claims one for a policy id. */
  policyNumber: (insurerId: string, policyNumber: string) => ({ pk: `T#${insurerId}#POLICYNO#${policyNumber}`, sk: 'POLICYNO' }),
  /** gsi1: a tenant's policies (issued by an insurer, held by an enterprise) by issue time. */
  policiesByTime: (tenantId: string) => `T#${tenantId}#POLICIES`,
  policyTimeSk: (issuedAt: string, policyId: string) => `${issuedAt}#${policyId}`,
  /** A roster period in the (insurer's) policy partition. */
  rosterSk: (workerId: string, from: string) => `ENROLMENT#${workerId}#${from}`,
  rosterPrefix: (workerId?: string) => `ENROLMENT#${workerId === undefined ? '' : `${workerId}#`}`,
  /** The same period in the worker's partition, by enterprise: coverage and the subsidy's year cap read these. */
  workerEnrolmentSk: (enterpriseId: string, policyId: string, from: string) => `ENROLMENT#${enterpriseId}#${policyId}#${from}`,
  workerEnrolmentPrefix: (enterpriseId?: string) => `ENROLMENT#${enterpriseId === undefined ? '' : `${enterpriseId}#`}`,

  /**
   * Credit grades (docs/credit-grading.md): one traced record per enterprise and period, its
   * trace and objections in its own partition. gsi1 lists a period's grades (admin), gsi3
   * an enterprise's grades by period. The published list holds one item per year and graded
   * enterprise (its latest period), read whole: a city grades hundreds, not millions.
   */
  creditGrade: (tenantId: string, period: string) => ({ pk: `T#${tenantId}#CREDITGRADE#${period}`, sk: 'GRADE' }),
  creditGradePartition: (tenantId: string, period: string) => `T#${tenantId}#CREDITGRADE#${period}`,
  creditObjectionSk: (objectionId: string) => `OBJECTION#${objectionId}`,
  OBJECTION_PREFIX: 'OBJECTION#',
  creditGradesOfPeriod: (period: string) => `CREDITGRADES#${period}`,
  creditGradesOfTenant: (tenantId: string) => `T#${tenantId}#CREDITGRADES`,
  creditPublished: (year: string, tenantId: string) => ({ pk: `CREDITPUBLISHED#${year}`, sk: tenantId }),
  creditPublishedPartition: (year: string) => `CREDITPUBLISHED#${year}`,
  /** The staff snapshot a period was first graded with, kept so the grade can be recomputed. */
  creditStaffSnapshot: (tenantId: string, period: string) => ({ pk: `T#${tenantId}#CREDITSTAFF`, sk: `STAFF#${period}` }),
  /** Rewards, penalties and black-list entries an admin recorded for an enterprise (公共信用). */
  creditRecord: (tenantId: string, recordId: string) => ({ pk: `T#${tenantId}#CREDITRECORDS`, sk: `RECORD#${recordId}` }),
  creditRecordsPartition: (tenantId: string) => `T#${tenantId}#CREDITRECORDS`,
  CREDIT_RECORD_PREFIX: 'RECORD#',

  /**
   * Credit facts: monthly counters kept by the credit-facts consumer from order events, per
   * enterprise under its tenant and per worker in the worker's partition (both sorted by
   * month), and the marker that makes one event count once.
   */
  creditFactsPartition: (tenantId: string) => `T#${tenantId}#CREDITFACTS`,
  creditFactsMonthSk: (period: string) => `MONTH#${period}`,
  creditFactsMonth: (tenantId: string, period: string) => ({ pk: `T#${tenantId}#CREDITFACTS`, sk: `MONTH#${period}` }),
  workerCreditFactsSk: (period: string) => `CREDITFACTS#${period}`,
  workerCreditFacts: (workerId: string, period: string) => ({ pk: `WORKER#${workerId}`, sk: `CREDITFACTS#${period}` }),
  creditFactsEvent: (eventId: string) => ({ pk: `CREDITEVENT#${eventId}`, sk: 'CREDITEVENT' }),

  /**
   * Wage survey (docs/wage-survey.md). A pay report lives under the reporting enterprise
   * (its id from the Idempotency-Key), listed per year on gsi1; the worker's partition holds
   * the one report of a year (its conditional create is what makes it one, whoever reports);
   * each published cell keeps its values in a partition of its own, which the publication
   * job reads whole (one Query per cell, never a scan). Order prices: one sample per order.
   */
  wageReport: (tenantId: string, reportId: string) => ({ pk: `T#${tenantId}#WAGEREPORT#${reportId}`, sk: 'WAGEREPORT' }),
  wageReportsOfYear: (tenantId: string, year: string) => `T#${tenantId}#WAGEREPORTS#${year}`,
  wageReportTimeSk: (reportedAt: string, reportId: string) => `${reportedAt}#${reportId}`,
  workerWageReport: (workerId: string, year: string) => ({ pk: `WORKER#${workerId}`, sk: `WAGEREPORT#${year}` }),
  wageSamples: (year: string, post: string, band: string, payType: string) => `WAGESAMPLES#${year}#${post}#${band}#${payType}`,
  priceSamples: (year: string, serviceType: string, mode: string) => `PRICESAMPLES#${year}#${serviceType}#${mode}`,
  /** The published survey of a year, computed by the publication job. */
  wageSurvey: (year: string) => ({ pk: `WAGESURVEY#${year}`, sk: 'PUBLISHED' }),

  /**
   * Stations (docs/stations.md): the programme's, not a tenant's. A station's partition
   * holds the record, its trace and its monthly figures. gsi1 lists a district's stations,
   * gsi2 those in one status. The geo index holds one item per active station in its
   * geohash cell's partition; an enterprise's certified-worker counts sit under its tenant.
   * Areas (streets and towns with a reference point) are one partition, read whole.
   */
  station: (stationId: string) => ({ pk: `STATION#${stationId}`, sk: 'STATION' }),
  stationPartition: (stationId: string) => `STATION#${stationId}`,
  stationsOfDistrict: (district: string) => `STATIONS#DISTRICT#${district}`,
  stationsInStatus: (status: string) => `STATIONS#${status}`,
  stationCell: (cell: string, stationId: string) => ({ pk: `STATIONGEO#${cell}`, sk: stationId }),
  stationCellPartition: (cell: string) => `STATIONGEO#${cell}`,
  stationMonthSk: (period: string) => `MONTH#${period}`,
  stationMonth: (stationId: string, period: string) => ({ pk: `STATION#${stationId}`, sk: `MONTH#${period}` }),
  stationStaff: (tenantId: string) => ({ pk: `T#${tenantId}#STATIONSTAFF`, sk: 'COUNTS' }),
  /** The programme's monthly counters, spread over shards (domain/programme/figures.ts). */
  programmeShardPartition: (shard: number) => `PROGRAMME#S${String(shard).padStart(2, '0')}`,
  programmeMonthSk: (month: string) => `MONTH#${month}`,
  programmeMonth: (shard: number, month: string) => ({ pk: `PROGRAMME#S${String(shard).padStart(2, '0')}`, sk: `MONTH#${month}` }),
  area: (areaId: string) => ({ pk: 'AREAS', sk: `AREA#${areaId}` }),
  areasPartition: () => 'AREAS',
  AREA_PREFIX: 'AREA#',

  /**
   * Subsidies (docs/subsidies.md). The facts an admin records about an applicant sit in one
   * partition per tenant, read whole. An application is a traced record under its applicant,
   * with its trace and evidence snapshots beside it; a global pointer lets an admin reach it
   * by id. The live item allows one live application per applicant, scheme, year (and
   * recognition); payment keys are claimed once, ever; budgets and the public awards list
   * are one partition per year.
   */
  subsidyFactsPartition: (tenantId: string) => `T#${tenantId}#SUBSIDYFACTS`,
  subsidyModel: (tenantId: string, recordId: string) => ({ pk: `T#${tenantId}#SUBSIDYFACTS`, sk: `MODEL#${recordId}` }),
  subsidyRecognition: (tenantId: string, recordId: string) => ({ pk: `T#${tenantId}#SUBSIDYFACTS`, sk: `RECOGNITION#${recordId}` }),
  subsidyApplication: (tenantId: string, applicationId: string) => ({ pk: `T#${tenantId}#SUBSIDYAPP#${applicationId}`, sk: 'APPLICATION' }),
  subsidyApplicationPartition: (tenantId: string, applicationId: string) => `T#${tenantId}#SUBSIDYAPP#${applicationId}`,
  subsidyEvidenceSk: (seq: number) => `EVIDENCE#${String(seq).padStart(SEQ_WIDTH, '0')}`,
  subsidyApplicationPointer: (applicationId: string) => ({ pk: `SUBSIDYAPP#${applicationId}`, sk: 'POINTER' }),
  /** gsi1: an applicant's applications by submission; gsi2: one scheme's applications in one state. */
  subsidyApplicationsOfTenant: (tenantId: string) => `T#${tenantId}#SUBSIDYAPPS`,
  subsidyApplicationsInState: (schemeId: string, state: string) => `SUBSIDYAPPS#${schemeId}#${state}`,
  subsidyApplicationTimeSk: (submittedAt: string, applicationId: string) => `${submittedAt}#${applicationId}`,
  subsidyLive: (tenantId: string, schemeId: string, year: number, recognitionId?: string) => ({ pk: `T#${tenantId}#SUBSIDYLIVE`, sk: `${schemeId}#${year}#${recognitionId ?? '-'}` }),
  /** A payment key (domain/subsidy/payment-keys.ts) as an item: its existence is the claim. */
  subsidyPaymentKey: (key: string) => {
    // A person's keys share the person's partition, so the years paid are one query of it.
    const person = /^(SUBSIDYPERSON#[0-9a-f]{64})#(.+)$/.exec(key);
    return person ? { pk: person[1]!, sk: `PAYMENTKEY#${person[2]!}` } : { pk: key, sk: 'PAYMENTKEY' };
  },
  subsidyPersonPartition: (personHash: string) => `SUBSIDYPERSON#${personHash}`,
  subsidyBudget: (year: number, schemeId: string) => ({ pk: `SUBSIDYBUDGET#${year}`, sk: schemeId }),
  subsidyBudgetsPartition: (year: number) => `SUBSIDYBUDGET#${year}`,
  subsidyAward: (year: number, applicationId: string) => ({ pk: `SUBSIDYAWARDS#${year}`, sk: applicationId }),
  subsidyAwardsPartition: (year: number) => `SUBSIDYAWARDS#${year}`,

  /** gsi1: all of a tenant's orders by creation time. */
  ordersByTime: (tenantId: string) => `T#${tenantId}#ORDERS`,
  /** gsi2: a tenant's orders in one status, by creation time. */
  ordersByStatus: (tenantId: string, status: string) => `T#${tenantId}#ORDERS#${status}`,
  orderTimeSk: (createdAt: string, orderId: string) => `${createdAt}#${orderId}`,
  /** gsi3: a tenant's orders of one worker; gsi4: of one station; gsi5: of one district. */
  ordersByWorker: (tenantId: string, workerId: string) => `T#${tenantId}#WORKER#${workerId}#ORDERS`,
  ordersByStation: (tenantId: string, stationId: string) => `T#${tenantId}#STATION#${stationId}#ORDERS`,
  ordersByDistrict: (tenantId: string, district: string) => `T#${tenantId}#DISTRICT#${district}#ORDERS`,
};

export const INDEX = {
  byTime: TABLE_KEYS.gsi1,
  byStatus: TABLE_KEYS.gsi2,
  byWorker: TABLE_KEYS.gsi3,
  byStation: TABLE_KEYS.gsi4,
  byDistrict: TABLE_KEYS.gsi5,
} as const;
