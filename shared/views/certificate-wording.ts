/**
 * The words the public check uses (zh-CN): each light and reason in plain language a
 * household understands at the door. Reasons say what kind of check is affected, never
 * anything about the person (no dates of exams, no results beyond "not passed").
 */
import type { Light, LightReason } from '../domain/certificate/light';

export const LIGHT_WORDS: Record<Light, { label: string; headline: string; advice: string; symbol: string }> = {
  green: { label: '绿灯', headline: '证件有效', advice: '身份、健康、培训、背景审查、保险均在有效期内。', symbol: '✓' },
  yellow: { label: '黄灯', headline: '证件有效，部分项目待更新', advice: '请留意下方提示，可向服务企业了解情况。', symbol: '!' },
  red: { label: '红灯', headline: '证件无效或存在问题', advice: '请暂勿接受服务，并联系服务企业或平台核实。', symbol: '✕' },
};

export const REASON_WORDS: Record<LightReason, string> = {
  'certificate-suspended': '证书已暂停使用',
  'certificate-revoked': '证书已吊销',
  'certificate-expired': '证书已过有效期',
  'identity-not-verified': '身份未通过核验',
  'background-check-missing': '缺少背景审查记录',
  'background-check-flagged': '背景审查未通过',
  'health-check-missing': '缺少有效的健康体检记录',
  'health-check-failed': '健康体检未通过',
  'health-check-expired': '健康体检已过期',
  'insurance-missing': '未登记有效的保险',
  'insurance-expired': '保险已过期',
};

export const SERVICE_CATEGORY_WORDS: Record<string, string> = {
  cleaning: '保洁',
  nanny: '保姆',
  maternity_matron: '月嫂',
  childcare: '育婴员',
  elderly_care: '养老护理',
  cooking: '烹饪',
  other: '其他家政服务',
};

export const serviceCategoryLabel = (category: string): string => SERVICE_CATEGORY_WORDS[category] ?? category;
