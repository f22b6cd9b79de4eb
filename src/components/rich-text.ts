// Inline Markdown from the documentation (**bold**, `code`) as DOM nodes, without innerHTML. DOM only.

export function richText(text: string | null | undefined): DocumentFragment {
  const frag = document.createDocumentFragment();
  if (!text) return frag;
  const re = /\*\*([^*]+)\*\*|`([^`]+)`/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) frag.append(text.slice(last, m.index));
    const el = document.createElement(m[1] != null ? "strong" : "code");
    el.textContent = m[1] ?? m[2];
    frag.append(el);
    last = m.index! + m[0].length;
  }
  if (last < text.length) frag.append(text.slice(last));
  return frag;
}
