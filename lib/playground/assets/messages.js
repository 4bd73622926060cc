// How the chat shows things: the bot's messages (text, attachments, templates, buttons), the user's messages,
// Instagram posts with the replies under them, and the typing and read indicators.
import { h } from './dom.js';

/** What rendering needs from the page: acting as the user, the Instagram username, replies under a post. */
let env = { act: () => Promise.resolve(), account: () => 'account', replies: () => [] };

/** Sets what rendering needs from the page (see `env`). */
export function configure(next) {
  env = next;
}

/**
 * A URL button: a link that opens a new tab, with the role of a button as the apps show it (quick replies and
 * buttons are buttons named by their titles); Space presses it as it presses any button.
 */
export function urlButton(url, title) {
  const link = h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', role: 'button' }, title);
  link.addEventListener('keydown', (event) => {
    if (event.key === ' ') {
      event.preventDefault();
      link.click();
    }
  });
  return link;
}

function renderButton(button) {
  const title = button.title || button.type || 'Button';
  if (button.type === 'web_url' && typeof button.url === 'string') {
    return urlButton(button.url, title);
  }
  if (button.type === 'phone_number' && typeof button.payload === 'string') {
    return h('a', { href: `tel:${button.payload}` }, title);
  }
  if (button.type === 'postback' || button.type === undefined) {
    return h(
      'button',
      {
        type: 'button',
        onclick: () => env.act({ type: 'postback', title, payload: String(button.payload ?? '') }),
      },
      title,
    );
  }
  return h(
    'button',
    { type: 'button', disabled: true, title: `${button.type} buttons are not simulated` },
    title,
  );
}

function buttonsOf(list) {
  return Array.isArray(list) && list.length > 0
    ? h('div', { class: 'buttons' }, list.map(renderButton))
    : undefined;
}

function mediaElement(type, url, label) {
  if (type === 'image') {
    const img = h('img', { class: 'media', src: url, alt: label });
    img.addEventListener('error', () =>
      img.replaceWith(fileCard('image', url.split('/').pop() || url, 'not reachable offline')),
    );
    return img;
  }
  if (type === 'video') return h('video', { class: 'media', src: url, controls: true, 'aria-label': label });
  if (type === 'audio') return h('audio', { src: url, controls: true, 'aria-label': label });
  return undefined;
}

function fileCard(type, name, detail) {
  const icon = { image: '🖼', video: '🎬', audio: '🎵', file: '📄' }[type] || '📎';
  return h(
    'div',
    { class: 'file' },
    h('span', { 'aria-hidden': 'true' }, icon),
    h('div', {}, h('strong', {}, name), detail),
  );
}

function card(element) {
  const image = element.image_url
    ? h('img', { class: 'card-image', src: element.image_url, alt: '' })
    : undefined;
  if (image) image.addEventListener('error', () => image.remove());
  return h(
    'div',
    { class: 'card', role: 'group', 'aria-label': element.title || 'Card' },
    image,
    h(
      'div',
      { class: 'card-body' },
      h('p', { class: 'card-title' }, element.title || ''),
      element.subtitle ? h('p', { class: 'card-subtitle' }, element.subtitle) : undefined,
    ),
    buttonsOf(element.buttons),
  );
}

function renderTemplate(payload) {
  switch (payload.template_type) {
    case 'button':
      return h(
        'div',
        { class: 'button-template' },
        h('div', { class: 'bubble' }, payload.text || ''),
        buttonsOf(payload.buttons),
      );
    case 'generic': {
      const elements = Array.isArray(payload.elements) ? payload.elements : [];
      if (elements.length === 1) return card(elements[0]);
      return h('div', { class: 'carousel', role: 'group', 'aria-label': 'Carousel' }, elements.map(card));
    }
    case 'media': {
      const element = (Array.isArray(payload.elements) && payload.elements[0]) || {};
      const type = element.media_type === 'video' ? 'video' : 'image';
      const media = element.url
        ? mediaElement(type, element.url, `${type} from the bot`)
        : fileCard(type, `${type} ${element.attachment_id || ''}`.trim(), 'uploaded attachment');
      return h('div', { class: 'card' }, media, buttonsOf(element.buttons));
    }
    default:
      return card({
        title: `${payload.template_type || 'unknown'} template`,
        subtitle: payload.text || (payload.elements ? `${payload.elements.length} elements` : ''),
        buttons: payload.buttons,
      });
  }
}

function renderAttachment(attachment, file) {
  const payload = attachment.payload || {};
  if (attachment.type === 'template') return renderTemplate(payload);
  if (typeof payload.url === 'string') {
    const media = mediaElement(attachment.type, payload.url, `${attachment.type} from the bot`);
    if (media) return media;
    return h(
      'a',
      { class: 'file', href: payload.url, target: '_blank', rel: 'noopener noreferrer' },
      `📄 ${payload.url.split('/').pop() || 'file'}`,
    );
  }
  if (file)
    return fileCard(
      attachment.type,
      file.filename || 'file',
      `${file.contentType || attachment.type}, ${Math.ceil((file.size || 0) / 1024)} KB`,
    );
  if (payload.attachment_id)
    return fileCard(attachment.type, `${attachment.type} ${payload.attachment_id}`, 'uploaded attachment');
  return fileCard(attachment.type || 'file', attachment.type || 'attachment', '');
}

export function botMessageNode(item) {
  const { message, file } = item;
  const parts = [];
  if (typeof message.text === 'string') parts.push(h('div', { class: 'bubble' }, message.text));
  const attachments = message.attachment
    ? [message.attachment]
    : Array.isArray(message.attachments)
      ? message.attachments
      : [];
  for (const attachment of attachments) parts.push(renderAttachment(attachment, file));
  const wide = attachments.some(
    (a) => a.type === 'template' && a.payload && a.payload.template_type === 'generic',
  );
  const reacted = Boolean(item.reaction);
  const react = h(
    'button',
    {
      type: 'button',
      class: 'react-button',
      'aria-pressed': String(reacted),
      title: reacted ? 'Remove your reaction' : 'React with a heart',
      onclick: () =>
        env.act(
          reacted
            ? { type: 'unreact', mid: item.messageId }
            : { type: 'react', mid: item.messageId, emoji: '❤️' },
        ),
    },
    h('span', { 'aria-hidden': 'true' }, '♥'),
    h('span', { class: 'visually-hidden' }, 'React'),
  );
  const li = h('li', { class: `from-bot${wide ? ' wide' : ''}`, 'data-message-id': item.messageId }, parts);
  const last = li.querySelector('.bubble, .card, .file, .carousel, .button-template');
  if (reacted && last) {
    li.classList.add('has-reaction');
    last.append(
      h(
        'span',
        { class: 'reaction', 'aria-label': `You reacted ${item.reaction}` },
        shownEmoji(item.reaction),
      ),
    );
  }
  if (item.messageId) li.append(react);
  return li;
}

/** Hearts as a text glyph, which every font has; other emoji as they are. */
export function shownEmoji(emoji) {
  return emoji === '❤️' || emoji === '❤' ? '♥' : emoji;
}

function userMessageNode(item) {
  const parts = [];
  if (item.text !== undefined) parts.push(h('div', { class: 'bubble' }, item.text));
  for (const attachment of item.attachments || []) {
    const url = attachment.payload && attachment.payload.url;
    parts.push(
      typeof url === 'string'
        ? mediaElement(attachment.type, url, `Your ${attachment.type}`) || fileCard(attachment.type, url, '')
        : fileCard(attachment.type, attachment.type, ''),
    );
  }
  const li = h('li', { class: 'from-user', 'data-mid': item.mid }, parts);
  if (item.reaction) setReaction(li, item.reaction);
  return li;
}

export function setReaction(li, emoji) {
  li.querySelector('.reaction')?.remove();
  li.classList.toggle('has-reaction', Boolean(emoji));
  const bubble = li.querySelector('.bubble') || li.firstElementChild;
  if (emoji && bubble)
    bubble.append(
      h('span', { class: 'reaction', 'aria-label': `The bot reacted ${emoji}` }, shownEmoji(emoji)),
    );
}

export function replyKey(commentId, mediaId) {
  return commentId ? `c:${commentId}` : `m:${mediaId}`;
}

export function replyNode(reply) {
  return h(
    'li',
    { class: `reply${reply.error ? ' error' : ''}` },
    h('strong', {}, `@${env.account()} `),
    reply.text,
    reply.error ? ` (refused: ${reply.error})` : '',
  );
}

function postNode(item) {
  const account = env.account();
  const heading = {
    comment: `You commented on @${account}'s post`,
    'mention-comment': `You mentioned @${account} in a comment`,
    'mention-caption': `You mentioned @${account} in your post`,
  }[item.variant];
  const key = replyKey(item.commentId, item.mediaId);
  const comments = h(
    'ul',
    { class: 'post-comments', 'data-reply-key': key, 'aria-label': 'Comments' },
    h('li', {}, h('strong', {}, `${item.username} `), item.text),
    env.replies(key).map(replyNode),
  );
  return h(
    'li',
    { class: 'from-user post-item' },
    h(
      'article',
      { class: 'post', 'aria-label': heading },
      h(
        'div',
        { class: 'post-head' },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, item.username.slice(0, 1).toUpperCase()),
        heading,
      ),
      h(
        'div',
        { class: 'post-image', 'aria-hidden': 'true' },
        item.variant === 'mention-caption' ? 'your photo' : `@${account}'s photo`,
      ),
      comments,
    ),
  );
}

export function itemNode(item) {
  switch (item.type) {
    case 'bot':
      return botMessageNode(item);
    case 'user':
      return userMessageNode(item);
    case 'postback':
      return h(
        'li',
        { class: 'from-user' },
        h('div', { class: 'bubble postback' }, item.title || item.payload || 'Postback'),
      );
    case 'post':
      return postNode(item);
    case 'refused':
      return h(
        'li',
        { class: 'refused', role: 'note' },
        `The bot's message was refused by the Graph API: ${item.error}`,
      );
    default:
      return h('li', { class: 'note' }, item.text);
  }
}

export function trailingNodes(conv) {
  const nodes = [];
  const last = conv.items[conv.items.length - 1];
  if (conv.seen && last && (last.type === 'user' || last.type === 'postback'))
    nodes.push(h('li', { class: 'receipt trailing' }, 'Seen'));
  if (conv.typing) {
    nodes.push(
      h(
        'li',
        { class: 'from-bot typing trailing', 'aria-label': 'The bot is typing' },
        h(
          'div',
          { class: 'bubble' },
          h('span', { class: 'dot' }),
          h('span', { class: 'dot' }),
          h('span', { class: 'dot' }),
        ),
      ),
    );
  }
  return nodes;
}

export function sideOf(item) {
  return item.type === 'bot' || item.type === 'refused' ? 'bot' : item.type === 'note' ? 'note' : 'user';
}
