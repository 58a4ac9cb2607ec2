import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per function bundle. Log ids and outcomes only: order bodies,
 * API keys and personal data never go to logs (docs/conventions.md "The store layer").
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'anxin' });
