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
      const words = last.rationale.split(' ');
      const keep = words.slice(0, Math.max(4, Math.floor(words.length * (0.35 + r.next() * 0.4))));
      const next = words[keep.length] ?? 'the';
      text = `${text.slice(0, at)}${keep.join(' ')} ${next.slice(0, Math.max(1, Math.floor(next.length / 2)))}\n`;
    }
  }
  // What real letters carry: an apostrophe lost as "?", Word's curly apostrophe.
  if (r.chance(0.3)) text = text.replace(/(patient|worker|physician)'s\b/, '$1?s');
  if (r.chance(0.15))
    text = text.replace(/(\w)'(s|t)\b/g, '$1\u2019$2').replace(/"([^"\n]*)"/g, '\u201c$1\u201d');
  return text;
}
