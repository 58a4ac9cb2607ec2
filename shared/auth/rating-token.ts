/**
 * One-time rating tokens, `rt_<tokenId>.<secret>`: the enterprise hands one to the household
 * (as a link or QR code) once the service is completed; it rates without an API key.
 */
import { ulid } from 'ulid';
import { issueSecret, secretParser } from './secret-token';

export const RATING_TOKEN_TTL_DAYS = 30;

export const issueRatingToken = () => issueSecret('rt', `rtk_${ulid().toLowerCase()}`);
export const parseRatingToken = secretParser('rt', 'rtk_[0-9a-hjkmnp-tv-z]{26}');
