import { LIMITS } from '../lib/bounded.ts';

/**
 * The bounds the consultation's schemas promise (OWASP API4, see src/lib/bounded.ts): each is
 * one the writes enforce or the reads cut to, so a response never breaks it.
 */

/** Any text of the consultation: ids, codes, names, e-mails, comments (comments are the longest). */
export const MAX_TEXT = LIMITS.comment;
/** Any list a consultation response holds; the reads that could grow past it keep the latest. */
export const MAX_LIST = 1000;
/** Ministries one country may name (enforced on create). */
export const MAX_MINISTRIES = 200;
/** Comments one question may carry (enforced on post). */
export const MAX_COMMENTS_PER_QUESTION = 500;
