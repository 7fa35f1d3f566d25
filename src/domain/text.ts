// What text may hold, whether it is stored (request bodies) or looked for (query strings): the rules about
// individual code points, apart from the schemas that apply them.
import type { z } from 'zod';

// Code points no reader can read the same way: noncharacters (U+FDD0 to U+FDEF and the last two of every plane,
// U+FFFE, U+FFFF, ...) are reserved for a program's own use, and private-use ones mean whatever one font or system
// makes of them.
const UNREADABLE = /[\p{Noncharacter_Code_Point}\p{Co}]/u;
// What a reader sees: letters, digits, symbols and punctuation...
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;
// ...except those drawn as nothing: default-ignorable code points (zero-width spaces and joiners, the soft hyphen,
// variation selectors, tag characters, Hangul fillers, which are letters) and U+2800, the blank Braille pattern.
// Marks (a lone combining accent), format characters and white space are not in VISIBLE to begin with.
const DRAWN_AS_NOTHING = /[\p{Default_Ignorable_Code_Point}\u2800]/u;

/** U+XXXX, as the Unicode standard names a code point. */
function codePointName(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Refuses a noncharacter or a private-use code point, naming the first one. */
export function refuseUnreadable(text: string, context: z.RefinementCtx): void {
  const found = UNREADABLE.exec(text)?.[0];
  if (found !== undefined) {
    const kind = /\p{Co}/u.test(found) ? 'a private-use code point' : 'a noncharacter';
    context.addIssue({ code: 'custom', message: `contains ${codePointName(found)}, ${kind}` });
  }
}

/** Whether any character of `text` is drawn: a letter, digit, symbol or punctuation mark that is not invisible. */
export function hasVisibleCharacter(text: string): boolean {
  for (const character of text) {
    if (VISIBLE.test(character) && !DRAWN_AS_NOTHING.test(character)) return true;
  }
  return false;
}
