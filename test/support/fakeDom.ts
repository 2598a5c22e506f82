/**
 * Just enough of a DOM for code that builds nodes with createElement, createElementNS, setAttribute and
 * append (client/src/dashboard/webview/dom.ts): a tree of elements and text nodes to walk in a test. It
 * parses nothing, as the real DOM parses nothing on these calls: a string stays a text node's data.
 */

export class FakeText {
  readonly nodeType = 3;
  constructor(readonly data: string) {}
  get textContent(): string {
    return this.data;
  }
}

export class FakeElement {
  readonly nodeType = 1;
  readonly attributes = new Map<string, string>();
  readonly childNodes: (FakeElement | FakeText)[] = [];

  constructor(
    readonly tagName: string,
    readonly namespaceURI: string,
  ) {}

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  append(...nodes: (FakeElement | FakeText | string)[]): void {
    for (const node of nodes) this.childNodes.push(typeof node === 'string' ? new FakeText(node) : node);
  }

  get children(): FakeElement[] {
    return this.childNodes.filter((n): n is FakeElement => n instanceof FakeElement);
  }

  get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join('');
  }

  /** This element and every element under it, in document order. */
  *walk(): Generator<FakeElement> {
    yield this;
    for (const child of this.children) yield* child.walk();
  }

  /** Elements under it (itself included) with this tag and every attribute given (a value of true: present). */
  all(tag: string, attributes: Record<string, string | true> = {}): FakeElement[] {
    return [...this.walk()].filter(
      (e) =>
        (tag === '*' || e.tagName === tag) &&
        Object.entries(attributes).every(([k, v]) => (v === true ? e.attributes.has(k) : e.attributes.get(k) === v)),
    );
  }

  /** The classes of its `class` attribute. */
  hasClass(name: string): boolean {
    return (this.attributes.get('class') ?? '').split(/\s+/).includes(name);
  }
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Installs `document` on globalThis for the code under test; returns a function that removes it. */
export function installFakeDocument(): () => void {
  const g = globalThis as { document?: unknown };
  const before = g.document;
  g.document = {
    createElement: (tag: string) => new FakeElement(tag, HTML_NS),
    createElementNS: (ns: string, tag: string) => new FakeElement(tag, ns),
  };
  return () => {
    g.document = before;
  };
}
