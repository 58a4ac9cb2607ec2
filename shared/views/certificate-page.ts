/**
 * The page a household's phone opens from the QR code: one small HTML document, inline CSS,
 * no scripts, fonts, images or other requests (it works on a weak connection and leaks the
 * code to no third party), `lang="zh-CN"`. The light is a big colour block that also says
 * its colour and meaning in words and carries a symbol (✓ ! ✕), so it reads the same for
 * colour-blind users. Shows only what the public view holds.
 */
import { shanghaiMinute } from '../lib/shanghai-day';
import type { LookupResult } from '../services/certificate-lookup';
import type { PublicCertificateView } from './certificate-views';
import { LIGHT_WORDS } from './certificate-wording';
import { escapeHtml } from '../lib/escape-html';

/** `2026-12-01 09:03 北京时间`: the household reads the local time (UTC+8, no DST). */
const beijingTime = (iso: string) => `${shanghaiMinute(new Date(Date.parse(iso)))} 北京时间`;


/** Headers of every page: nothing may load, nothing may frame it, the code is not cached or referred. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f4f5f7;color:#1f2328;line-height:1.5}
main{max-width:480px;margin:0 auto;padding:16px}
header{display:flex;align-items:baseline;justify-content:space-between;margin:4px 2px 12px}
h1{font-size:20px;margin:0}
header small{color:#57606a;font-size:13px}
.light{border-radius:16px;padding:24px 20px;text-align:center;margin-bottom:16px}
.light .symbol{display:inline-flex;align-items:center;justify-content:center;width:64px;height:64px;border-radius:50%;border:4px solid currentColor;font-size:36px;font-weight:700;margin-bottom:8px}
.light .label{display:block;font-size:30px;font-weight:700;letter-spacing:2px}
.light .headline{display:block;font-size:18px;font-weight:600;margin-top:4px}
.light .advice{display:block;font-size:14px;margin-top:8px;opacity:.95}
.green{background:#1a7f37;color:#fff}
.yellow{background:#f5c518;color:#1f2328}
.red{background:#b42318;color:#fff}
.neutral{background:#57606a;color:#fff}
.reasons{background:#fff;border-radius:12px;padding:12px 16px;margin:0 0 16px;border-left:6px solid #f5c518}
.reasons.red{background:#fff;color:#1f2328;border-left-color:#b42318}
.reasons h2{font-size:15px;margin:0 0 4px}
.reasons ul{margin:0;padding-left:20px}
dl{background:#fff;border-radius:12px;padding:4px 16px;margin:0 0 16px}
dl div{display:flex;justify-content:space-between;gap:12px;padding:12px 0;border-bottom:1px solid #eaeef2}
dl div:last-child{border-bottom:0}
dt{color:#57606a;white-space:nowrap}
dd{margin:0;text-align:right;font-weight:600;word-break:break-all}
footer{color:#57606a;font-size:12px;padding:0 4px}
`;

function document(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>安心服务证</h1><small>公开核验</small></header>
${body}
<footer>本页仅显示经脱敏处理的公开信息。每次查询都会被记录（不记录查询者身份），用于安全审计。</footer>
</main>
</body>
</html>
`;
}

/** What the page shows beside the certificate: the employer's credit grade and the worker's stars, when there are any. */
type PageView = PublicCertificateView & { enterpriseCreditGrade?: { grade: string; period: string } | null; workerStars?: number | null };

function certificateBody(view: PageView): string {
  const words = LIGHT_WORDS[view.light];
  const row = (label: string, value: string) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`;
  const reasons =
    view.reasons.length === 0
      ? ''
      : `<section class="reasons ${view.light === 'red' ? 'red' : ''}" aria-label="提示"><h2>提示</h2><ul>${view.reasons
          .map((r) => `<li>${escapeHtml(r.text)}</li>`)
          .join('')}</ul></section>`;
  return `<section class="light ${view.light}" role="status" data-light="${view.light}">
<span class="symbol" aria-hidden="true">${words.symbol}</span>
<span class="label">${escapeHtml(words.label)}</span>
<span class="headline">${escapeHtml(words.headline)}</span>
<span class="advice">${escapeHtml(words.advice)}</span>
</section>
${reasons}
<dl>
${row('姓名', view.name || '—')}
${row('证书编号', view.certificateNo)}
${row('所属企业', view.enterprise ?? '—')}
${view.enterpriseCreditGrade ? row('企业信用等级', `${view.enterpriseCreditGrade.grade}（${view.enterpriseCreditGrade.period} 评定）`) : ''}
${view.workerStars ? row('服务人员信用', `${'★'.repeat(view.workerStars)}${'☆'.repeat(5 - view.workerStars)}`) : ''}
${row('服务类别', view.serviceCategories.map((c) => c.label).join('、') || '—')}
${row('有效期', `${view.validFrom} 至 ${view.validUntil}`)}
${row('核验时间', beijingTime(view.checkedAt))}
</dl>`;
}

const notice = (headline: string, advice: string) => `<section class="light neutral" role="status" data-light="none">
<span class="symbol" aria-hidden="true">?</span>
<span class="headline">${escapeHtml(headline)}</span>
<span class="advice">${escapeHtml(advice)}</span>
</section>`;

/** Status and HTML for a lookup result. */
export function certificatePage(result: LookupResult): { statusCode: number; body: string } {
  switch (result.outcome) {
    case 'shown':
      return { statusCode: 200, body: document(`安心服务证 ${result.view.certificateNo}`, certificateBody(result.view)) };
    case 'not-found':
      return {
        statusCode: 404,
        body: document('安心服务证 · 未找到', notice('未找到该证书', '此二维码无效或已更换。请让服务人员出示最新的安心服务证，或联系其服务企业。')),
      };
    case 'throttled':
      return {
        statusCode: 429,
        body: document('安心服务证 · 请稍后再试', notice('查询过于频繁', `请在 ${result.retryAfterSeconds} 秒后再试。`)),
      };
  }
}
