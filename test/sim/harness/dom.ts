import type { Exparser, WxDomElement } from './types'

/** Anything the finders can search: a DOM element, a harness page (`root`) or a j-component (`dom`). */
export type Root = Element | { root: Element } | { dom: Element }

/** Text as a reader sees it: whitespace collapsed, trimmed. */
function normalise(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim()
}

function toElement(root: Root): Element {
  if ('root' in root) return root.root
  if ('dom' in root) return root.dom
  return root
}

function pageTextHint(root: Element): string {
  const text = normalise(root.textContent)
  return text ? `page text: "${text.slice(0, 300)}"` : 'the page rendered no text'
}

/** The text of `root` (DOM textContent, whitespace collapsed): WXML drops the whitespace between tags, so sibling blocks run together. */
export function textOf(root: Root): string {
  return normalise(toElement(root).textContent)
}

/**
 * Fails unless `root` rendered some element or text. miniprogram-simulate's default compiler renders Taro pages
 * as nothing, without an error, and every "is not shown" assertion would then pass.
 */
export function expectRendered(root: Root): void {
  const element = toElement(root)
  if (element.childElementCount === 0 && normalise(element.textContent) === '') {
    throw new Error(
      `<${element.tagName.toLowerCase()}> rendered nothing. A Taro page needs simulate.load(…, { compiler: 'official', rootPath: dist }) and a settled render.`
    )
  }
}

function matches(text: string, wanted: string | RegExp): boolean {
  return typeof wanted === 'string' ? text === normalise(wanted) : wanted.test(text)
}

/**
 * Elements whose whole text equals `text` (or matches a RegExp), deepest first-match only: a button inside a view with
 * the same text yields the button, which is what a tap should hit.
 */
export function queryAllByText(root: Root, text: string | RegExp): WxDomElement[] {
  const found: WxDomElement[] = []
  for (const element of Array.from(toElement(root).querySelectorAll('*'))) {
    if (!matches(normalise(element.textContent), text)) continue
    const childMatches = Array.from(element.children).some((child) =>
      matches(normalise(child.textContent), text)
    )
    if (!childMatches) found.push(element)
  }
  return found
}

export function queryByText(root: Root, text: string | RegExp): WxDomElement | null {
  return queryAllByText(root, text)[0] ?? null
}

/** The element showing `text`; throws with the page text when there is none. */
export function findByText(root: Root, text: string | RegExp): WxDomElement {
  const element = queryByText(root, text)
  if (!element) throw new Error(`No element with text ${String(text)}; ${pageTextHint(toElement(root))}`)
  return element
}

/**
 * Elements by component `id`. exparser keeps ids off the DOM (Taro puts its node id in `data-sid`), so this reads the
 * exparser node behind each element.
 */
export function queryById(root: Root, id: string): WxDomElement | null {
  for (const element of Array.from(toElement(root).querySelectorAll<WxDomElement>('*'))) {
    if (element.__wxElement?.id === id || element.id === id) return element
  }
  return null
}

export function findById(root: Root, id: string): WxDomElement {
  const element = queryById(root, id)
  if (!element) throw new Error(`No element with id "${id}"; ${pageTextHint(toElement(root))}`)
  return element
}

/** Elements carrying `className`. exparser prefixes classes with the owning component (`main--x`, `comp--x`). */
export function queryAllByClass(root: Root, className: string): WxDomElement[] {
  return Array.from(toElement(root).querySelectorAll<WxDomElement>('[class]')).filter((element) =>
    Array.from(element.classList).some((token) => token === className || token.endsWith(`--${className}`))
  )
}

export function findByClass(root: Root, className: string): WxDomElement {
  const element = queryAllByClass(root, className)[0]
  if (!element) throw new Error(`No element with class "${className}"; ${pageTextHint(toElement(root))}`)
  return element
}

/** A built-in component such as `official-account` (rendered as the stub `<wx-official-account>`). */
export function findBuiltin(root: Root, name: string): WxDomElement {
  const element = toElement(root).querySelector<WxDomElement>(`wx-${name}`)
  if (!element) throw new Error(`No <${name}> rendered; ${pageTextHint(toElement(root))}`)
  return element
}

/** Lets React commit and Taro flush its batched setData: a few macrotask turns. */
export async function settle(ticks = 5): Promise<void> {
  for (let i = 0; i < ticks; i += 1) await new Promise<void>((resolve) => setTimeout(resolve, 0))
}

// The launched app settles until its setData traffic stops; without one, a fixed number of turns.
let settleApp: () => Promise<void> = () => settle()

/** Lets the launched mini program decide how events settle (see MiniProgram.settle). */
export function setSettler(settler: (() => Promise<void>) | undefined): void {
  settleApp = settler ?? (() => settle())
}

export interface DispatchOptions {
  /** Taps bubble; built-in components' own events (`load`, `error`) do not. */
  bubbles?: boolean
}

/**
 * Dispatches an exparser event on the node behind `element`, as j-component's `dispatchEvent` does. Nodes inside
 * Taro's recursive `comp` are not reachable through the page component's querySelector, but their DOM is, and
 * `__wxElement` leads back to the exparser node whose `bind…="eh"` Taro listens on. Settles afterwards.
 */
export async function dispatch(
  element: Element,
  type: string,
  detail: Record<string, unknown> = {},
  { bubbles = true }: DispatchOptions = {}
): Promise<void> {
  const node = (element as WxDomElement).__wxElement
  if (!node)
    throw new Error(`<${element.tagName.toLowerCase()}> is not rendered by exparser (no __wxElement)`)
  // The exparser instance of the current module registry: the one j-component rendered this page with.
  const exparser = require('miniprogram-exparser') as Exparser
  const event = exparser.Event.create(type, detail, {
    bubbles,
    capturePhase: true,
    composed: bubbles,
    extraFields: { touches: [], changedTouches: [] },
  })
  exparser.Event.dispatchEvent(node, event)
  await settleApp()
}

/** A user's tap on `element` (or the nearest ancestor that listens for one). */
export function tap(element: Element): Promise<void> {
  return dispatch(element, 'tap', { x: 0, y: 0 })
}

/** Fires a built-in component's own event, e.g. official-account `error` with `{ status: 5, errMsg }`. */
export function fireBuiltin(element: Element, type: string, detail: Record<string, unknown>): Promise<void> {
  return dispatch(element, type, detail, { bubbles: false })
}
