/**
 * The vocabulary of "商业+公益" insurance (docs/domain.md "Insurance"): what a group policy
 * covers, what a claim is for, and which cover answers which claim. Money is always an
 * integer number of fen (分, 0.01 yuan): no floating point ever touches an amount.
 */

/** Worker accident; third-party liability for harm to the household. */
export const COVER_TYPES = ['worker-accident', 'third-party-liability'] as const;
export type CoverType = (typeof COVER_TYPES)[number];

export const CLAIM_TYPES = ['worker-accident', 'third-party-injury', 'property-damage'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

/** The cover a claim of each type needs. */
export const COVER_FOR_CLAIM: Readonly<Record<ClaimType, CoverType>> = {
  'worker-accident': 'worker-accident',
  'third-party-injury': 'third-party-liability',
  'property-damage': 'third-party-liability',
};

/** 1 yuan = 100 fen. */
export const FEN_PER_YUAN = 100;
