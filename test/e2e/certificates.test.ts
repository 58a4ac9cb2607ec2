/**
 * 安心服务证 end to end on the local platform: the daily job's EventBridge rule is in the
 * topology and, invoked with Scheduled Events on simulated dates, turns a light yellow when
 * the health check lapses and expires the certificate after its validity; the public page
 * opened in headless Chromium (Debian's chromium driven by playwright-core) on a phone-sized
 * viewport shows the masked data and the right light, and a screenshot is saved under
 * test/artifacts/. No fixed sleeps: every step awaits an invocation or a page load.
 */
import { conformingFetch } from '../support/openapi-conformance';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledEvent } from '../../local/schedules';
import { evaluateCertificate } from '../../shared/services/certificates';
import { certificateLookupsRepository } from '../../shared/store/certificate-lookups-repository';
import { certificatesRepository } from '../../shared/store/certificates-repository';
import { employmentRepository } from '../../shared/store/employment-repository';
import { day, validFacts } from '../support/certificates';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { CHROMIUM, hasChromium as chromiumInstalled, PAGE_SCREENSHOT } from '../support/chromium';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

const ARTIFACTS = resolve('test/artifacts');
const ENTERPRISE_NAME = '广州安心家政服务有限公司';
/** Evaluated in the page (a string: this project compiles without the DOM library). */
const LIGHT_COLOUR = "getComputedStyle(document.querySelector('.light')).backgroundColor";

let platform: TestPlatform;
let keyA: string;
let tenantA: string;
let counter = 0;

beforeAll(async () => {
  platform = await startTestPlatform();
  keyA = platform.keys.enterprise;
  tenantA = (JSON.parse(readFileSync(`${platform.dataDir}/local.json`, 'utf8')) as { tenants: { enterprise: string } }).tenants.enterprise;
});
afterAll(async () => {
  await platform?.close();
});

async function api(path: string, init: { method?: string; key?: string; body?: unknown } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST') headers['idempotency-key'] = `e2e-cert-${process.pid}-${++counter}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A worker of the demo enterprise with a certificate issued from `overrides` on `now`. */
async function certified(overrides: Parameters<typeof validFacts>[0] = {}, now = new Date()): Promise<{ workerId: string; certNo: string }> {
  const workerId = `wk-e2e-${process.pid}-${++counter}`;
  await employmentRepository(platform.store).link({ tenantId: tenantA, workerId, status: 'current', since: '2026-01-01' });
  const facts = validFacts({
    workerId,
    currentEnterprise: { tenantId: tenantA, name: ENTERPRISE_NAME },
    healthCheck: { examDate: day(now, -30), passed: true, validUntil: day(now, 300) },
    insurance: { activeUntil: day(now, 300) },
    ...overrides,
  });
  const result = await evaluateCertificate(platform.store, workerId, async () => facts, now);
  if (result.outcome !== 'issued') throw new Error(`not issued: ${JSON.stringify(result)}`);
  return { workerId, certNo: result.certNo };
}

describe('the daily job (EventBridge schedule rule → function), over simulated time', () => {
  const job = () => {
    const schedule = platform.topology.schedules.find((s) => s.functionLogicalId.startsWith('CertificatesDaily'));
    if (!schedule) throw new Error(`no CertificatesDaily schedule in ${JSON.stringify(platform.topology.schedules)}`);
    return schedule;
  };
  /** Fires the rule as EventBridge would at 02:00 Guangzhou time on `date` (18:00 UTC the day before). */
  const runOn = async (date: string) => {
    const timeMs = Date.parse(`${date}T02:00:00+08:00`);
    const result = await platform.invoke(job().functionLogicalId, scheduledEvent({ ruleArn: job().ruleArn!, account: '000000000000', region: 'us-east-1', timeMs }));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    return (result as { result: Json }).result;
  };

  it('is a daily rule the platform runs: cron(0 18 * * ? *), enabled, targeting the job', () => {
    expect(job()).toMatchObject({ scheduleExpression: 'cron(0 18 * * ? *)', enabled: true });
  });

  it('turns the light yellow when the health check lapses, expires after the validity, then has nothing to do', async () => {
    const issuedOn = new Date();
    const { workerId, certNo } = await certified({ healthCheck: { examDate: day(issuedOn, -300), passed: true, validUntil: day(issuedOn, 10) } }, issuedOn);
    const repo = certificatesRepository(platform.store);
    const before = (await repo.get(certNo, true))!;
    expect(before).toMatchObject({ status: 'ISSUED', light: 'green', reviewOn: day(issuedOn, 11) });

    const lapsed = await runOn(day(issuedOn, 11));
    expect(lapsed).toMatchObject({ date: day(issuedOn, 11), reviewed: expect.any(Number) });
    expect(lapsed.lightChanged).toBeGreaterThanOrEqual(1);
    // Next due: the day after the insurance ends.
    expect(await repo.get(certNo, true)).toMatchObject({ status: 'ISSUED', light: 'yellow', lightReasons: ['health-check-expired'], reviewOn: day(issuedOn, 301) });

    const dayAfterValidity = new Date(Date.parse(`${before.validUntil}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const expired = await runOn(dayAfterValidity);
    expect(expired.expired).toBeGreaterThanOrEqual(1);
    const after = (await repo.get(certNo, true))!;
    expect(after).toMatchObject({ status: 'EXPIRED', light: 'red' });
    expect(after.reviewOn).toBeUndefined();

    const again = await runOn(dayAfterValidity);
    expect(again.expired).toBe(0);
    const read = await api(`/v1/workers/${workerId}/certificate`, { key: keyA });
    expect(read.status).toBe(200);
    expect(read.body.trace.entries.map((e: Json) => e.type)).toEqual(['certificate.issued', 'certificate.light-changed', 'certificate.expired']);
    expect(read.body.trace.verification).toEqual({ valid: true, length: 3 });
    expect(read.body.trace.entries[1].actor).toEqual({ tenantId: 'platform', role: 'system', keyId: 'certificates' });
  });
});

describe('the public page in headless Chromium', () => {
  const hasChromium = chromiumInstalled();
  if (!hasChromium) console.warn(`SKIPPED: the certificate page test needs Debian's chromium at ${CHROMIUM} (apt-get install -y chromium).`);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is loaded only when chromium exists
  let context: any;
  let userDataDir: string;

  beforeAll(async () => {
    if (!hasChromium) return;
    const { chromium } = await import('playwright-core');
    userDataDir = mkdtempSync(join(tmpdir(), 'anxin-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      // A phone: 390 × 844 CSS pixels at 3x, touch, Chinese locale.
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  /** Opens the certificate's page (the URL the enterprise prints as a QR code). */
  async function openPage(workerId: string) {
    const cert = (await api(`/v1/workers/${workerId}/certificate`, { key: keyA })).body;
    const page = await context.newPage();
    const response = await page.goto(`${platform.apiUrl}${cert.qr.pageUrl}`, { waitUntil: 'load' });
    return { page, response, cert };
  }

  it.skipIf(!hasChromium)('green: the masked name, number, enterprise, categories, validity — and nothing else', async () => {
    const { workerId, certNo } = await certified();
    const { page, response, cert } = await openPage(workerId);
    expect(response.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.getAttribute('.light', 'data-light')).toBe('green');
    const text: string = await page.innerText('body');
    for (const shown of ['绿灯', '证件有效', '王**', certNo, ENTERPRISE_NAME, '保姆', '月嫂', `${cert.validFrom} 至 ${cert.validUntil}`]) expect(text).toContain(shown);
    for (const hidden of [workerId, cert.qr.token, tenantA]) expect(await page.content()).not.toContain(hidden);
    // The colour block is the first thing on the screen and fills its width.
    const block = await page.locator('.light').boundingBox();
    expect(block.width).toBeGreaterThan(300);
    expect(await page.evaluate(LIGHT_COLOUR)).toBe('rgb(26, 127, 55)');
    await page.screenshot({ path: join(ARTIFACTS, 'certificate-page.png'), ...PAGE_SCREENSHOT });
    await page.close();
    // The lookup was audited.
    expect((await certificateLookupsRepository(platform.store).auditsOf(certNo)).map((a) => [a.outcome, a.via, a.light])).toContainEqual(['shown', 'page', 'green']);
  });

  it.skipIf(!hasChromium)('yellow (no insurance yet) and red (suspended): the colour, the word and a neutral reason, never the detail', async () => {
    const yellow = await certified({ insurance: undefined });
    const red = await certified();
    const suspended = await api(`/v1/certificates/${red.certNo}/suspend`, { method: 'POST', key: keyA, body: { reasonCode: 'complaint_investigation' } });
    expect(suspended.status).toBe(200);
    for (const [worker, light, words, reason, colour] of [
      [yellow.workerId, 'yellow', '黄灯', '未登记有效的保险', 'rgb(245, 197, 24)'],
      [red.workerId, 'red', '红灯', '证书已暂停使用', 'rgb(180, 35, 24)'],
    ] as const) {
      const { page } = await openPage(worker);
      expect(await page.getAttribute('.light', 'data-light')).toBe(light);
      const text: string = await page.innerText('body');
      expect(text).toContain(words);
      expect(text).toContain('证件状态异常，请联系所属企业');
      expect(text).not.toContain(reason);
      expect(await page.evaluate(LIGHT_COLOUR)).toBe(colour);
      await page.screenshot({ path: join(ARTIFACTS, `certificate-page-${light}.png`), ...PAGE_SCREENSHOT });
      await page.close();
    }
  });

  it.skipIf(!hasChromium)('an unknown or replaced code: a 404 page that says so', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${platform.apiUrl}/v1/public/certificates/${'Z'.repeat(22)}/page`, { waitUntil: 'load' });
    expect(response.status()).toBe(404);
    expect(await page.innerText('body')).toContain('未找到该证书');
    await page.close();
  });
});
