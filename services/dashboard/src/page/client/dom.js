/**
 * Builds DOM from text only: strings become text nodes and attribute values, never markup, so
 * nothing from a letter can turn into HTML. Nothing in this client parses HTML from a string.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** An HTML element: h('p', { class: 'x' }, 'text', h('b', {}, 'bold')). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, as h() builds HTML ones. */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  return build(el, {}, children);
}

/**
 * A search hit's snippet: the API sends it as parts, matched words with `match: true`; each part
 * becomes a text node, matched ones inside <mark>.
 */
export function snippet(parts) {
  const out = document.createDocumentFragment();
  for (const part of Array.isArray(parts) ? parts : []) {
    if (typeof part?.text !== 'string') continue;
    out.append(part.match === true ? h('mark', {}, part.text) : document.createTextNode(part.text));
  }
  return out;
}

/** "2019-04-02" stays as it is; null shows as a dash. */
export function orDash(value) {
  return value === null || value === undefined || value === '' ? '–' : String(value);
}

export function percent(rate) {
  return rate === null || rate === undefined ? 'n/a' : `${Math.round(rate * 100)}%`;
}
