/**
 * Text that a person can see. Required text (an evidence title, a return reason) made only of
 * spaces and invisible characters (zero-width spaces and joiners U+200B-U+200D, word joiner
 * U+2060, BOM U+FEFF, bidi marks, soft hyphens, fillers, controls, lone combining marks) shows
 * nothing, so it must not count as given.
 */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Cs}\p{Cn}\p{M}]/u;

export const hasVisibleText = (text: string): boolean => VISIBLE.test(text);

/** A lone (unpaired) UTF-16 surrogate: not text, and UTF-8 cannot hold it. */
const LONE_SURROGATE = /\p{Cs}/u;

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);
