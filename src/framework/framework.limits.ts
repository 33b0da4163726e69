import { z } from 'zod';
import { DOMAIN_KEYS } from './framework.schema.ts';

/**
 * The key patterns bound a framework's size: MiGOF questions are P1.2.3 (6 domains x 9 sub-domains
 * x 9 questions), the official 10.7.2 items S1072.1a (6 domains x 5 items, SDG1072_ITEM_KEY).
 */
export const MAX_QUESTIONS = DOMAIN_KEYS.length * 9 * 9 + 6 * 5;
/** A domain key as the API shows it: DOMAIN_KEYS, and S1072 for the 10.7.2 items in progress. */
export const domainKeySchema = z
  .string()
  .max(5)
  .regex(/^([PO][1-3]|S1072)$/);
/** Progress and coverage list each domain once, the 10.7.2 items as one more. */
export const MAX_PROGRESS_DOMAINS = DOMAIN_KEYS.length + 1;
