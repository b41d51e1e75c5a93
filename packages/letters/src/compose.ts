import type { LetterFacts } from './facts.ts';
import { finalDetermination } from './layout-final.ts';
import { maximusLetter } from './layout-maximus.ts';
import { professionalLetter } from './layout-professional.ts';
import type { Random } from './random.ts';

/**
 * The letter's text: one line per paragraph (renderings wrap it), blank lines between paragraphs.
 * A truncated letter stops in the middle of a word of its last rationale, as a cut-off export does.
 */
export function composeText(f: LetterFacts, r: Random): string {
  const lines =
    f.layout === 'maximus-imr'
      ? maximusLetter(f, r)
      : f.layout === 'medical-professional-review'
        ? professionalLetter(f, r)
        : finalDetermination(f, r);
  let text = `${lines.join('\n').trim()}\n`;
  if (f.truncated) {
    const last = f.items[f.items.length - 1];
    const at = last ? text.lastIndexOf(last.rationale) : -1;
    if (last && at >= 0) {
      // Stop in the middle of a word somewhere in the middle of the rationale ("... Given the great s").
      const word = /[A-Za-z]{3,}/g;
      word.lastIndex = Math.floor(last.rationale.length * (0.35 + r.next() * 0.4));
      const found = word.exec(last.rationale);
      const cut = found
        ? found.index + Math.ceil(found[0].length / 2)
        : Math.floor(last.rationale.length / 2);
      text = `${text.slice(0, at + cut)}\n`;
    }
  }
  // What real letters carry: an apostrophe lost as "?", Word's curly apostrophe.
  if (r.chance(0.3)) text = text.replace(/(patient|worker|physician)'s\b/, '$1?s');
  if (r.chance(0.15))
    text = text.replace(/(\w)'(s|t)\b/g, '$1\u2019$2').replace(/"([^"\n]*)"/g, '\u201c$1\u201d');
  return text;
}
