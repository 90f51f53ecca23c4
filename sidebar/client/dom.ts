/** DOM helpers that only ever set text: data from templates, sheets or people never becomes markup. */
import type { Lang, Localized } from '../../src/core/i18n';
import type { Markup } from './fieldRow';
import { textFor } from './text';

export function byId<T extends Element = HTMLElement>(id: string): T {
  const found = document.querySelector<T>(`#${CSS.escape(id)}`);
  if (!found) throw new Error(`#${id} is missing from the sidebar markup`);
  return found;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Elements from markup data: attributes and texts are set, never parsed. */
export function render(markup: Markup): HTMLElement {
  const node = document.createElement(markup.tag);
  for (const [name, value] of markup.attrs) node.setAttribute(name, value);
  for (const child of markup.children) {
    if (typeof child === 'string') node.append(child);
    else if ('tag' in child) node.append(render(child));
    else say(node, child);
  }
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string | number>>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

let current: Lang = 'en';
const listeners: Array<(lang: Lang) => void> = [];
/** Texts set at run time (errors, banners): re-said when the language changes. */
const bound = new Map<Element, Localized>();

export const lang = (): Lang => current;

export function onLangChange(listener: (lang: Lang) => void): void {
  listeners.push(listener);
}

/** Shows `text` in `element` in the current language, and keeps it in step with the language. */
export function say(element: Element, text: Localized | null): void {
  if (text) bound.set(element, text);
  else bound.delete(element);
  element.textContent = text ? text[current] : '';
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]')) {
    node.textContent = textFor(node.dataset.t ?? '')[next];
  }
  for (const [node, text] of bound) {
    if (node.isConnected) node.textContent = text[next];
    else bound.delete(node);
  }
  for (const listener of listeners) listener(next);
}
