// Pretty JSON with colours, built as text nodes and spans.
import { h } from './dom.js';

/** A focusable <pre> showing `json` (already indented) with keys, strings, numbers and literals coloured. */
export function highlight(json) {
  const pre = h('pre', { tabindex: '0' });
  const re =
    /("(?:\\u[a-fA-F0-9]{4}|\\[^u]|[^\\"])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (const m of json.matchAll(re)) {
    if (m.index > last) pre.append(json.slice(last, m.index));
    const cls = m[1] ? (m[2] ? 'j-key' : 'j-str') : m[3] ? 'j-lit' : 'j-num';
    pre.append(h('span', { class: cls }, m[1] || m[0]));
    if (m[2]) pre.append(m[2]);
    last = m.index + m[0].length;
  }
  pre.append(json.slice(last));
  return pre;
}
