/**
 * Taro H5 renders `<Button>` as `<div class="taro-button-core">` (no role), and a `<View ariaRole='button'>` (WeChat's
 * accessibility attribute, which the mini program reads) as a div with `role="button"`: neither is focusable or
 * answers keys, so a keyboard never reaches "重新扫码" and a screen reader may read it as text. Give each what a
 * native button has — the button role, its disabled state, a place in the tab order, Enter and Space — once, for
 * every page.
 */
const BUTTONS = '.taro-button-core, [role="button"]'
const DISABLED = 'taro-btn-disabled'

function mark(el: Element): void {
  const disabled = el.classList.contains(DISABLED)
  el.setAttribute('role', 'button')
  el.setAttribute('aria-disabled', String(disabled))
  el.setAttribute('tabindex', disabled ? '-1' : '0')
}

function sweep(node: Node): void {
  if (!(node instanceof Element)) return
  if (node.matches(BUTTONS)) mark(node)
  node.querySelectorAll(BUTTONS).forEach(mark)
}

/** Keeps every Taro button under `root` accessible as pages render, enable and disable them. */
export function makeButtonsAccessible(root: HTMLElement): void {
  sweep(root)
  // Only `class` changes are watched, and `mark` never writes `class`: no feedback loop.
  new MutationObserver((records) => {
    for (const record of records) {
      const { target } = record
      if (record.type === 'childList') record.addedNodes.forEach(sweep)
      else if (target instanceof Element && target.matches(BUTTONS)) mark(target)
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] })
  root.addEventListener('keydown', (event) => {
    const target = event.target
    if (!(target instanceof HTMLElement) || !target.matches(BUTTONS)) return
    if (event.key !== 'Enter' && event.key !== ' ') return
    event.preventDefault()
    // Taro's own click handler ignores a disabled button, as a tap would.
    target.click()
  })
}
