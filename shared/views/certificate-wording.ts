/**
 * The words the public check uses (zh-CN): each light in plain language a household
 * understands at the door, and one neutral reason — never which check is affected.
 */
import type { Light } from '../domain/certificate/light';

export const LIGHT_WORDS: Record<Light, { label: string; headline: string; advice: string; symbol: string }> = {
  green: { label: '绿灯', headline: '证件有效', advice: '身份、健康、培训、背景审查、保险均在有效期内。', symbol: '✓' },
  yellow: { label: '黄灯', headline: '证件有效，部分项目待更新', advice: '请留意下方提示，可向服务企业了解情况。', symbol: '!' },
  red: { label: '红灯', headline: '证件无效或存在问题', advice: '请暂勿接受服务，并联系服务企业或平台核实。', symbol: '✕' },
};

/**
 * The one reason the public sees when the light is not green. What is wrong (a flagged
 * background check, a failed health check, missing insurance…) is the person's business
 * and their employer's: the household is sent to the enterprise, which reads the detailed
 * reasons on the certificate with its key (as the admin does).
 */
export const PUBLIC_REASON = { code: 'see-enterprise', text: '证件状态异常，请联系所属企业' } as const;

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
