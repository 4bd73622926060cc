// The inspector beside the chat: one entry per webhook, Graph call or printed line, with its status and its
// pretty JSON (built when the entry is first opened), filtered to the current conversation on demand.
import { h } from './dom.js';
import { highlight } from './json.js';

function statusNode(status) {
  if (status === null) return undefined;
  if (status === undefined) return h('span', { class: 'status pending' }, '…');
  const bad = status === 0 || status >= 300;
  return h('span', { class: `status${bad ? ' bad' : ''}` }, status === 0 ? 'failed' : String(status));
}

/** The `error.message` of a Graph error answer. */
export function errorOf(response) {
  return response && response.error && response.error.message;
}

/**
 * The log in `list`; `filterKey()` answers the conversation key to show only, or undefined to show all.
 * Entries are keyed by the feed's `seq`; a status of undefined shows as pending, null as none.
 */
export function createInspector(list, filterKey) {
  const entries = new Map();
  const filter = (li, key) => {
    li.hidden = key !== undefined && !li.conversations.includes(key);
  };
  return {
    add(seq, kind, what, status, json, conversations, error) {
      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
      const summary = h(
        'summary',
        {},
        h('span', { class: `kind ${kind}` }, kind),
        h('span', { class: 'what' }, what),
        statusNode(status),
      );
      const details = h('details', {}, summary);
      let filled = false;
      details.addEventListener('toggle', () => {
        if (!details.open || filled) return;
        filled = true;
        details.append(highlight(JSON.stringify(json, null, 2)));
      });
      const li = h(
        'li',
        { 'data-seq': String(seq), 'data-kind': kind },
        details,
        error ? h('p', { class: 'error-line' }, error) : undefined,
      );
      li.conversations = conversations;
      entries.set(seq, li);
      list.append(li);
      filter(li, filterKey());
      if (atBottom) list.scrollTop = list.scrollHeight;
    },
    setStatus(seq, status, error) {
      const li = entries.get(seq);
      if (!li) return;
      li.querySelector('.status').replaceWith(statusNode(status));
      if (error) li.append(h('p', { class: 'error-line' }, error));
    },
    applyFilter() {
      const key = filterKey();
      for (const li of entries.values()) filter(li, key);
    },
    clear() {
      entries.clear();
      list.replaceChildren();
    },
  };
}
