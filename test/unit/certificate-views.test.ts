/** The public check shows ONLY what docs/domain.md "The public check and privacy" allows, and the page escapes what it shows. */
import { describe, expect, it } from 'vitest';
import { issue } from '../../shared/domain/certificate/certificate';
import type { StoredCertificate } from '../../shared/store/certificates-repository';
import { certificatePage } from '../../shared/views/certificate-page';
import { publicCertificateView } from '../../shared/views/certificate-views';
import { CERT_NOW, validFacts } from '../support/certificates';

const stored = (overrides = {}): StoredCertificate => ({
  ...issue({ certNo: 'AX-0000000005', qrToken: 't'.repeat(22), facts: validFacts(overrides), now: CERT_NOW }).cert,
  version: 1,
  traceHead: { seq: 1, hash: 'h' },
});

describe('publicCertificateView', () => {
  it('holds exactly: masked name, number, enterprise, categories, validity, light and plain reasons', () => {
    const view = publicCertificateView(stored({ insurance: undefined }), CERT_NOW);
    expect(Object.keys(view).sort()).toEqual(['certificateNo', 'checkedAt', 'enterprise', 'light', 'lightText', 'name', 'reasons', 'serviceCategories', 'validFrom', 'validUntil']);
    expect(view).toMatchObject({
      certificateNo: 'AX-0000000005',
      name: '王**',
      enterprise: '广州安心家政服务有限公司',
      serviceCategories: [{ code: 'maternity_matron', label: '月嫂' }, { code: 'nanny', label: '保姆' }],
      validFrom: '2026-03-01',
      validUntil: '2027-02-28',
      light: 'yellow',
      lightText: '黄灯：证件有效，部分项目待更新',
      reasons: [{ code: 'see-enterprise', text: '证件状态异常，请联系所属企业' }],
    });
    const text = JSON.stringify(view);
    for (const secret of ['wk-fixture', 't'.repeat(22), 'ten_fixture', '2026-01-15', '2026-01-10']) expect(text).not.toContain(secret);
  });
});

describe('certificatePage', () => {
  it('is a zh-CN page with no external resources, the light in colour, symbol and words', () => {
    const { statusCode, body } = certificatePage({ outcome: 'shown', view: publicCertificateView(stored(), CERT_NOW) });
    expect(statusCode).toBe(200);
    expect(body).toContain('<html lang="zh-CN">');
    expect(body).toContain('name="viewport"');
    expect(body).toMatch(/class="light green"[^>]*data-light="green"/);
    expect(body).toContain('绿灯');
    expect(body).toContain('王**');
    expect(body).not.toMatch(/<(script|img|link|iframe)\b/i);
    expect(body).not.toMatch(/https?:\/\//);
  });

  it('escapes every value it shows', () => {
    const view = publicCertificateView(stored({ currentEnterprise: { tenantId: 't', name: '<script>alert(1)</script>&"' } }), CERT_NOW);
    const { body } = certificatePage({ outcome: 'shown', view });
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;');
  });

  it('answers unknown codes with 404 and throttled lookups with 429, as pages', () => {
    expect(certificatePage({ outcome: 'not-found' })).toMatchObject({ statusCode: 404, body: expect.stringContaining('未找到该证书') });
    expect(certificatePage({ outcome: 'throttled', retryAfterSeconds: 17 })).toMatchObject({ statusCode: 429, body: expect.stringContaining('17 秒') });
  });
});
