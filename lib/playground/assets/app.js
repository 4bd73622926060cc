/* global document, window, EventSource, fetch, performance, CSS, setTimeout, clearTimeout, URL */
// The playground's page: renders what the server's feed says (Server-Sent Events) and POSTs what the user
// does to the JSON API. No framework, no build step: every node is built with the DOM API (never innerHTML).
import { h } from './dom.js';
import { createInspector, errorOf } from './inspector.js';
import {
  botMessageNode,
  configure,
  itemNode,
  replyKey,
  replyNode,
  setReaction,
  sideOf,
  trailingNodes,
  urlButton,
} from './messages.js';

const $ = (id) => document.getElementById(id);
const els = {
  body: document.body,
  tabs: [...document.querySelectorAll('[role="tab"]')],
  users: $('users'),
  addUser: $('add-user'),
  newUser: $('new-user'),
  botFile: $('bot-file'),
  connection: $('connection'),
  chatTitle: $('chat-title'),
  chatSub: $('chat-sub'),
  pageAvatar: $('page-avatar'),
  thread: $('thread'),
  starters: $('starters'),
  quickReplies: $('quick-replies'),
  igTools: $('ig-tools'),
  igKind: $('ig-kind'),
  igText: $('ig-text'),
  menu: $('menu'),
  menuItems: $('menu-items'),
  menuButton: $('menu-button'),
  photoButton: $('photo-button'),
  composer: $('composer'),
  message: $('message'),
  send: $('send'),
  log: $('log'),
  logFilter: $('log-filter'),
  toast: $('toast'),
};

/** Everything the page knows, rebuilt from the feed. */
const state = {
  hello: undefined,
  platform: 'messenger',
  users: [],
  current: { messenger: undefined, instagram: undefined },
  conversations: new Map(),
  profiles: { messenger: {}, instagram: {} },
  replies: new Map(),
};

/** Measurements the browser specs read: when the composer became usable, when each bot answer was shown. */
const metrics = { readyAt: undefined, shown: [] };
window.playground = { metrics };

const keyOf = (platform, userId) => `${platform}:${userId}`;
const currentUser = () => state.users.find((u) => u.id === state.current[state.platform]);

function conversation(platform, userId) {
  const key = keyOf(platform, userId);
  let conv = state.conversations.get(key);
  if (conv === undefined) {
    conv = {
      key,
      platform,
      userId,
      items: [],
      typing: false,
      typingTimer: undefined,
      seen: false,
      quickReplies: [],
      unread: 0,
    };
    state.conversations.set(key, conv);
  }
  return conv;
}

const isActive = (conv) => conv.platform === state.platform && conv.userId === state.current[state.platform];

let toastTimer;
function toast(text) {
  els.toast.textContent = text;
  els.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    els.toast.hidden = true;
  }, 5000);
}

async function api(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error || `HTTP ${response.status}`);
  return json;
}

function act(action) {
  const user = currentUser();
  if (user === undefined) return Promise.resolve();
  closeMenu();
  return api('/api/actions', { ...action, platform: state.platform, userId: user.id })
    .then((answer) => {
      if (answer.status !== 200) toast(`The bot's webhook answered ${answer.status}`);
    })
    .catch((error) => toast(error.message));
}

configure({
  act,
  account: () => (state.hello ? state.hello.instagram.username : 'account'),
  replies: (key) => state.replies.get(key) || [],
});

function stickToBottom(run) {
  const t = els.thread;
  const atBottom = t.scrollHeight - t.scrollTop - t.clientHeight < 80;
  run();
  if (atBottom) t.scrollTop = t.scrollHeight;
}

function refreshTrailing(conv) {
  if (!isActive(conv)) return;
  stickToBottom(() => {
    for (const node of els.thread.querySelectorAll('.trailing')) node.remove();
    els.thread.append(...trailingNodes(conv));
  });
}

function appendItem(conv, item) {
  const previous = conv.items[conv.items.length - 1];
  conv.items.push(item);
  if (!isActive(conv)) {
    if (sideOf(item) === 'bot') {
      conv.unread += 1;
      renderUsers();
    }
    return undefined;
  }
  const node = itemNode(item);
  if (previous && sideOf(previous) !== sideOf(item)) node.classList.add('gap');
  stickToBottom(() => {
    for (const trailing of els.thread.querySelectorAll('.trailing')) trailing.remove();
    els.thread.append(node, ...trailingNodes(conv));
  });
  renderStarters();
  return node;
}

function renderThread() {
  const user = currentUser();
  const conv = user ? conversation(state.platform, user.id) : undefined;
  els.thread.replaceChildren();
  if (conv) {
    conv.unread = 0;
    let previous;
    for (const item of conv.items) {
      const node = itemNode(item);
      if (previous && sideOf(previous) !== sideOf(item)) node.classList.add('gap');
      els.thread.append(node);
      previous = item;
    }
    els.thread.append(...trailingNodes(conv));
    els.thread.scrollTop = els.thread.scrollHeight;
  }
  renderQuickReplies();
  renderStarters();
  renderMenu();
}

function renderQuickReplies() {
  const user = currentUser();
  const conv = user ? conversation(state.platform, user.id) : undefined;
  const replies = conv ? conv.quickReplies : [];
  els.quickReplies.replaceChildren(
    ...replies.map((reply) => {
      const type = reply.content_type || 'text';
      const title =
        type === 'user_phone_number'
          ? '+1 555 0100'
          : type === 'user_email'
            ? `${(user && user.name.toLowerCase().replace(/\W+/g, '.')) || 'user'}@example.com`
            : reply.title;
      const payload = type === 'text' ? String(reply.payload ?? '') : title;
      return h(
        'button',
        { type: 'button', onclick: () => act({ type: 'quick_reply', title, payload }) },
        reply.image_url ? h('img', { src: reply.image_url, alt: '' }) : undefined,
        title,
      );
    }),
  );
  els.quickReplies.hidden = replies.length === 0;
}

function profile() {
  return state.profiles[state.platform] || {};
}

function iceBreakers(p) {
  const list = Array.isArray(p.ice_breakers) ? p.ice_breakers : [];
  const flat = [];
  for (const entry of list) {
    if (entry && Array.isArray(entry.call_to_actions)) {
      if (entry.locale === undefined || entry.locale === 'default' || flat.length === 0)
        flat.push(...entry.call_to_actions);
    } else if (entry && entry.question) flat.push(entry);
  }
  return flat;
}

function renderStarters() {
  const user = currentUser();
  const conv = user ? conversation(state.platform, user.id) : undefined;
  const p = profile();
  const empty = conv !== undefined && conv.items.length === 0;
  const nodes = [];
  if (empty) {
    for (const breaker of iceBreakers(p)) {
      nodes.push(
        h(
          'button',
          {
            type: 'button',
            class: 'ice-breaker',
            onclick: () =>
              act({ type: 'postback', title: breaker.question, payload: String(breaker.payload ?? '') }),
          },
          breaker.question,
        ),
      );
    }
    if (state.platform === 'messenger' && p.get_started && p.get_started.payload !== undefined) {
      if (p.greeting) {
        const greetings = Array.isArray(p.greeting) ? p.greeting : [];
        const text = (greetings.find((g) => g.locale === 'default') || greetings[0] || {}).text;
        if (text)
          nodes.unshift(
            h(
              'p',
              {},
              text.replace('{{user_first_name}}', user.name).replace('{{user_full_name}}', user.name),
            ),
          );
      }
      nodes.push(
        h(
          'button',
          {
            type: 'button',
            class: 'get-started',
            onclick: () =>
              act({ type: 'postback', title: 'Get Started', payload: String(p.get_started.payload) }),
          },
          'Get Started',
        ),
      );
    }
  }
  els.starters.replaceChildren(...nodes);
  els.starters.hidden = nodes.length === 0;
}

function menuItems() {
  const menus = Array.isArray(profile().persistent_menu) ? profile().persistent_menu : [];
  const menu = menus.find((m) => m.locale === 'default') || menus[0];
  return menu && Array.isArray(menu.call_to_actions) ? menu.call_to_actions : [];
}

function renderMenu() {
  const items = menuItems();
  els.menuButton.hidden = items.length === 0;
  els.menuItems.replaceChildren(
    ...items.map((item) =>
      h(
        'li',
        {},
        item.type === 'web_url'
          ? urlButton(item.url, item.title)
          : h(
              'button',
              {
                type: 'button',
                onclick: () =>
                  act({ type: 'postback', title: item.title, payload: String(item.payload ?? '') }),
              },
              item.title,
            ),
      ),
    ),
  );
  if (items.length === 0) closeMenu();
}

function closeMenu() {
  if (els.menu.hidden) return;
  els.menu.hidden = true;
  els.menuButton.setAttribute('aria-expanded', 'false');
}

function renderUsers() {
  const list = state.users.filter((u) => u.platform === state.platform);
  els.users.replaceChildren(
    ...list.map((user) => {
      const conv = conversation(user.platform, user.id);
      const current = state.current[state.platform] === user.id;
      return h(
        'li',
        {},
        h(
          'button',
          { type: 'button', 'aria-current': current ? 'true' : 'false', onclick: () => selectUser(user.id) },
          h(
            'span',
            { class: 'avatar', 'aria-hidden': 'true', color: colorOf(user.id) },
            user.name.slice(0, 1).toUpperCase(),
          ),
          user.name,
          conv.unread > 0
            ? h(
                'span',
                { class: 'unread' },
                h('span', { class: 'visually-hidden' }, ', unread: '),
                String(conv.unread),
              )
            : undefined,
        ),
      );
    }),
  );
}

function colorOf(id) {
  const colors = ['#f35369', '#f7923b', '#2abba7', '#8c72cb', '#4ca3dd', '#e56d9f', '#5b9f47'];
  let sum = 0;
  for (const ch of id) sum = (sum * 31 + ch.charCodeAt(0)) % 1000;
  return colors[sum % colors.length];
}

function renderHeader() {
  const hello = state.hello;
  const user = currentUser();
  if (!hello) return;
  const instagram = state.platform === 'instagram';
  els.chatTitle.textContent = instagram ? hello.instagram.username : hello.page.name;
  els.pageAvatar.textContent = (instagram ? hello.instagram.username : hello.page.name)
    .slice(0, 1)
    .toUpperCase();
  els.chatSub.textContent = user
    ? `You are ${user.name} (${instagram ? 'IGSID' : 'PSID'} ${user.id})`
    : 'Add a user to chat';
  els.igTools.hidden = !instagram;
  els.photoButton.hidden = false;
}

function renderAll() {
  els.body.dataset.platform = state.platform;
  for (const tab of els.tabs) {
    const selected = tab.dataset.platform === state.platform;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  renderUsers();
  renderHeader();
  renderThread();
  inspector.applyFilter();
}

function selectUser(id) {
  state.current[state.platform] = id;
  renderAll();
  els.message.focus();
}

function selectPlatform(platform, focusTab) {
  state.platform = platform;
  closeMenu();
  renderAll();
  if (focusTab) els.tabs.find((t) => t.dataset.platform === platform).focus();
}

const inspector = createInspector(els.log, () => {
  const user = currentUser();
  return els.logFilter.checked ? (user ? keyOf(state.platform, user.id) : '') : undefined;
});

// ------------------------------------------------------------------------------------------ the feed

function onUserItem(item) {
  if (!item.conversation) return;
  const conv = conversation(item.conversation.platform, item.conversation.userId);
  switch (item.kind) {
    case 'message':
    case 'postback':
      conv.quickReplies = [];
      conv.seen = false;
      if (isActive(conv)) renderQuickReplies();
      if (item.kind === 'message')
        appendItem(conv, { type: 'user', mid: item.mid, text: item.text, attachments: item.attachments });
      else appendItem(conv, { type: 'postback', mid: item.mid, title: item.title, payload: item.payload });
      return;
    case 'comment':
      appendItem(conv, {
        type: 'post',
        variant: item.variant,
        commentId: item.commentId,
        mediaId: item.mediaId,
        text: item.text,
        username: item.username,
      });
      return;
    case 'reaction': {
      const target = conv.items.find((i) => i.type === 'bot' && i.messageId === item.mid);
      if (target) {
        target.reaction = item.emoji;
        const node = isActive(conv)
          ? els.thread.querySelector(`[data-message-id="${CSS.escape(item.mid)}"]`)
          : null;
        if (node) {
          const hadFocus = node.contains(document.activeElement);
          const fresh = botMessageNode(target);
          fresh.className = node.className;
          node.replaceWith(fresh);
          if (hadFocus) fresh.querySelector('.react-button').focus();
        }
      }
      return;
    }
    default:
      return;
  }
}

function onBotItem(item, event) {
  if (item.kind === 'comment-reply') {
    const key = replyKey(item.commentId, item.mediaId);
    const reply = { text: item.text, error: item.error };
    const list = state.replies.get(key) || [];
    list.push(reply);
    state.replies.set(key, list);
    const target = els.thread.querySelector(`[data-reply-key="${CSS.escape(key)}"]`);
    if (target) {
      target.append(replyNode(reply));
      metrics.shown.push({ requestId: event.requestId, at: event.at, shownAt: Date.now() });
    }
    return;
  }
  const conv = conversation(item.conversation.platform, item.conversation.userId);
  if (item.kind === 'message') {
    conv.typing = false;
    clearTimeout(conv.typingTimer);
    conv.quickReplies = Array.isArray(item.message.quick_replies) ? item.message.quick_replies : [];
    const node = appendItem(conv, {
      type: 'bot',
      messageId: item.messageId,
      message: item.message,
      file: item.file,
    });
    if (isActive(conv)) renderQuickReplies();
    if (node) metrics.shown.push({ requestId: event.requestId, at: event.at, shownAt: Date.now() });
    return;
  }
  if (item.kind === 'refused') {
    appendItem(conv, { type: 'refused', error: item.error });
    return;
  }
  if (item.kind === 'action') {
    switch (item.action) {
      case 'typing_on':
        conv.typing = true;
        clearTimeout(conv.typingTimer);
        conv.typingTimer = setTimeout(() => {
          conv.typing = false;
          refreshTrailing(conv);
        }, 20_000);
        break;
      case 'typing_off':
        conv.typing = false;
        clearTimeout(conv.typingTimer);
        break;
      case 'mark_seen':
        conv.seen = true;
        break;
      case 'react':
      case 'unreact': {
        const mid = item.payload && item.payload.message_id;
        const target = conv.items.find((i) => (i.type === 'user' || i.type === 'postback') && i.mid === mid);
        if (target) {
          target.reaction = item.action === 'react' ? reactionEmoji(item.payload) : undefined;
          const li =
            isActive(conv) && mid ? els.thread.querySelector(`[data-mid="${CSS.escape(mid)}"]`) : null;
          if (li) setReaction(li, target.reaction);
        }
        break;
      }
      default:
        break;
    }
    refreshTrailing(conv);
  }
}

function reactionEmoji(payload) {
  const names = { love: '❤️', like: '👍', smile: '😆', wow: '😮', sad: '😢', angry: '😠', dislike: '👎' };
  const reaction = payload && payload.reaction;
  return names[reaction] || reaction || '❤️';
}

function describeWebhookEntry(event) {
  const names = event.items.map((item) => {
    const user = item.conversation && state.users.find((u) => u.id === item.conversation.userId);
    const who = user ? ` · ${user.name}` : '';
    if (item.kind === 'comment') return `${item.variant}${who}`;
    if (item.kind === 'message')
      return `${item.quickReplyPayload !== undefined ? 'quick_reply' : item.attachments.length > 0 ? 'attachment' : 'message'}${who}`;
    return `${item.kind === 'other' ? item.name : item.kind}${who}`;
  });
  const object = event.body && event.body.object;
  return `${object || 'body'}: ${names.join(', ') || 'empty'}`;
}

/** The conversations showing the post a comment reply goes under. */
function postOwners(commentId, mediaId) {
  const key = replyKey(commentId, mediaId);
  return [...state.conversations.values()]
    .filter((conv) => conv.items.some((i) => i.type === 'post' && replyKey(i.commentId, i.mediaId) === key))
    .map((conv) => conv.key);
}

function onEvent(event) {
  // A chat follows its newest message unless the reader scrolled up.
  const t = els.thread;
  const atBottom = t.scrollHeight - t.scrollTop - t.clientHeight < 80;
  handle(event);
  if (atBottom) t.scrollTop = t.scrollHeight;
}

function handle(event) {
  switch (event.type) {
    case 'hello':
      onHello(event);
      return;
    case 'user':
      if (!state.users.some((u) => u.id === event.user.id)) state.users.push(event.user);
      if (state.current[event.user.platform] === undefined)
        state.current[event.user.platform] = event.user.id;
      renderUsers();
      renderHeader();
      return;
    case 'profile':
      state.profiles[event.platform] = event.profile;
      if (event.platform === state.platform) {
        renderStarters();
        renderMenu();
      }
      return;
    case 'webhook': {
      const conversations = event.items
        .filter((i) => i.conversation)
        .map((i) => keyOf(i.conversation.platform, i.conversation.userId));
      inspector.add(event.seq, 'webhook', describeWebhookEntry(event), undefined, event.body, conversations);
      for (const item of event.items) onUserItem(item);
      return;
    }
    case 'webhook-status': {
      const failed = event.error || event.status >= 300;
      inspector.setStatus(
        event.seq,
        event.status,
        failed ? event.error || `The bot answered ${event.status}` : undefined,
      );
      return;
    }
    case 'graph': {
      const item = event.item;
      const conversations =
        item && item.conversation ? [keyOf(item.conversation.platform, item.conversation.userId)] : [];
      if (item && item.kind === 'comment-reply')
        conversations.push(...postOwners(item.commentId, item.mediaId));
      const error = event.status >= 300 ? errorOf(event.response) || `HTTP ${event.status}` : undefined;
      const what = `${event.method} ${event.path}${item && item.kind === 'action' ? ` (${item.action})` : ''}`;
      const json = {
        request: { method: event.method, path: event.path, query: event.query, body: event.body },
        status: event.status,
        response: event.response,
      };
      inspector.add(event.seq, 'graph', what, event.status, json, conversations, error);
      if (item) onBotItem(item, event);
      return;
    }
    case 'print':
      inspector.add(event.seq, 'print', event.line, null, { line: event.line }, []);
      return;
    default:
      return;
  }
}

function onHello(hello) {
  // Rendering waits until the replayed feed is in; see connect().
  const reconnect = state.hello !== undefined;
  if (reconnect) {
    // The server replays its whole feed: start from a clean page.
    state.users = [];
    state.current = { messenger: undefined, instagram: undefined };
    state.conversations.clear();
    state.replies.clear();
    inspector.clear();
  }
  state.hello = hello;
  els.botFile.textContent = hello.bot;
  els.connection.textContent = 'Live';
  els.connection.classList.add('live');
  els.message.disabled = false;
  els.send.disabled = false;
}

// ------------------------------------------------------------------------------------------ wiring

function connect() {
  const source = new EventSource('/api/events');
  let replaying = true;
  source.addEventListener('message', (message) => {
    const event = JSON.parse(message.data);
    onEvent(event);
    if (event.type === 'hello') {
      replaying = true;
      setTimeout(() => {
        replaying = false;
        renderAll();
        if (metrics.readyAt === undefined) metrics.readyAt = performance.now();
      }, 0);
    }
  });
  source.addEventListener('error', () => {
    els.connection.textContent = replaying ? 'Connecting…' : 'Reconnecting…';
    els.connection.classList.remove('live');
  });
}

els.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = els.message.value;
  if (text.trim() === '') return;
  els.message.value = '';
  void act({ type: 'text', text });
});

els.photoButton.addEventListener('click', () => {
  void act({
    type: 'attachment',
    attachmentType: 'image',
    url: new URL('/photo.svg', window.location.href).href,
  });
});

els.igTools.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = els.igText.value;
  if (text.trim() === '') return;
  els.igText.value = '';
  void act({ type: els.igKind.value, text });
});

els.addUser.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = els.newUser.value.trim();
  if (name === '') return;
  api('/api/users', { platform: state.platform, name })
    .then((user) => {
      els.newUser.value = '';
      if (!state.users.some((u) => u.id === user.id)) state.users.push(user);
      selectUser(user.id);
    })
    .catch((error) => toast(error.message));
});

els.menuButton.addEventListener('click', () => {
  const open = els.menu.hidden;
  els.menu.hidden = !open;
  els.menuButton.setAttribute('aria-expanded', String(open));
  if (open) els.menuItems.querySelector('button, a')?.focus();
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !els.menu.hidden) {
    closeMenu();
    els.menuButton.focus();
  }
});

for (const tab of els.tabs) {
  tab.addEventListener('click', () => selectPlatform(tab.dataset.platform, false));
  tab.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      selectPlatform(state.platform === 'messenger' ? 'instagram' : 'messenger', true);
    }
  });
}

els.logFilter.addEventListener('change', () => inspector.applyFilter());

connect();
