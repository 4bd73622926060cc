/* global document, window, URL */
// Building DOM nodes safely: attributes and text only (never innerHTML), URLs checked.

/** Creates an element with attributes, listeners (`on…`) and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if ((key === 'href' || key === 'src') && !safeUrl(String(value), key)) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'color')
      node.style.background = value; // CSSOM: allowed by the page's CSP, unlike style=""
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Links and media from the bot open only on web, phone and mail addresses (and data: images): never script. */
export function safeUrl(value, attribute) {
  let url;
  try {
    url = new URL(value, window.location.href);
  } catch {
    return false;
  }
  if (['http:', 'https:', 'blob:'].includes(url.protocol)) return true;
  if (attribute === 'href') return url.protocol === 'tel:' || url.protocol === 'mailto:';
  return url.protocol === 'data:' && /^data:(image|video|audio)\//.test(value);
}
