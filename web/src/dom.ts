/**
 * @module web/src/dom
 * The one way the page builds elements. Strings always become text nodes, never markup, so text from the
 * server (quotes, document text, notices) cannot inject HTML or script. There is no innerHTML anywhere; an
 * answer's markdown becomes markup only through the sanitiser in answer-html.ts.
 */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** Plain attributes (id, href, type, aria-*, …). Values are set with setAttribute, never parsed as HTML. */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** Event listeners. */
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** Creates `<tag>` with props and children. `false`/`null`/`undefined` children are skipped. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props?.class) node.className = props.class;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(props?.on ?? {})) {
    node.addEventListener(type, listener as EventListener);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Empties a node and fills it again. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

let counter = 0;
/** A page-unique id with a prefix that cannot collide with document anchors ("rec-18", "p-3", …). */
export function uid(prefix: string): string {
  counter += 1;
  return `app-${prefix}-${counter}`;
}
