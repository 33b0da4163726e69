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

/**
 * A control character that text may not hold: C0 controls but tab, line feed and carriage
 * return, DEL, and C1 controls (U+0080-U+009F). A NUL or an escape in a comment is never what a
 * person meant, and it travels unseen into every export (CSV, PDF) and every client.
 */
// \p{Cc} is exactly U+0000-U+001F and U+007F-U+009F.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

/** The first control character of `text` as `U+XXXX`, or undefined when it has none. */
export function controlCharacterIn(text: string): string | undefined {
  const found = CONTROL.exec(text);
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}
