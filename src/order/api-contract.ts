// The order API between the mini program and the merchant backend. ONE module: the client checks responses with
// it, the demo backend checks requests with it, so the two cannot drift. Pure TypeScript: no Taro, React or wx.

// Store ids, table names and order ids are the pages' declared input: a page, the client and the backend accept
// exactly the same, and rules:check holds rules.json to it.
import { isObject, isWhole, ORDER_ID_PARAM, paramValue, STORE_ID_PARAM, TABLE_NAME_PARAM } from '../landing'

/** Money is always an integer number of fen (1/100 yuan): floats cannot add prices exactly. */
export type Fen = number

export type Mode = 'dine-in' | 'takeaway'

export interface MenuItem {
  id: string
  name: string
  price: Fen
}

export interface MenuCategory {
  id: string
  name: string
  items: MenuItem[]
}

/** `GET /api/stores/:store/menu` */
export interface Menu {
  store: { id: number; name: string }
  categories: MenuCategory[]
}

export interface OrderLineRequest {
  item: string
  qty: number
}

/** `POST /api/stores/:store/orders` with an `Idempotency-Key` header. */
export interface CreateOrderRequest {
  mode: Mode
  /** The table for dine-in; `null` for takeaway. */
  table: string | null
  lines: OrderLineRequest[]
  note: string
  /** The total the customer saw: the backend refuses the order when its own prices add up differently. */
  total: Fen
}

export type OrderStatus = 'received' | 'preparing' | 'ready'

export interface OrderLine {
  item: string
  name: string
  price: Fen
  qty: number
}

/** An order as the backend keeps it; `GET /api/orders/:id` answers with its current status. */
export interface Order {
  id: string
  /** What the customer is called by: short, per store. */
  number: string
  store: number
  mode: Mode
  table: string | null
  lines: OrderLine[]
  note: string
  total: Fen
  status: OrderStatus
  /** ISO 8601. */
  createdAt: string
}

/** `GET /api/tickets/resolve?url=<ticket url>`: the scene of a service-account code the package does not bundle. */
export interface TicketScene {
  /** `scene_str` (`store=12&table=5`) or a numeric `scene_id` mapped by the rule table's `sceneIds`. */
  scene: string | number
}

/** Stable error codes, with the HTTP status each is sent with: one table for both sides. */
export const ERROR_STATUS = {
  'invalid-json': 400,
  'invalid-body': 400,
  'idempotency-key-missing': 400,
  'idempotency-key-invalid': 400,
  'not-found': 404,
  'unknown-store': 404,
  'unknown-ticket': 404,
  'method-not-allowed': 405,
  'total-mismatch': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'unknown-table': 422,
  'unknown-item': 422,
  'idempotency-key-reused': 422,
  internal: 500,
} as const

export type ApiErrorCode = keyof typeof ERROR_STATUS

/** The body of every 4xx/5xx answer. `field` is a JSON-pointer-like path into the request body, when one is to blame. */
export interface ApiError {
  code: ApiErrorCode
  message: string
  field?: string
}

export interface ApiErrorBody {
  error: ApiError
}

/** Header that makes `POST …/orders` safe to repeat: same key and body → the same order. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key'

/** Limits both sides enforce. */
export const LIMITS = {
  lines: 50,
  qty: 99,
  /** Characters of the customer's note. */
  note: 100,
  /** Bytes of a request body. */
  body: 16 * 1024,
} as const

const ITEM_ID = /^[a-z0-9-]{1,32}$/
const KEY = /^[A-Za-z0-9._:-]{16,64}$/

/** The paths of the API, built only here. */
export const apiPath = {
  menu: (store: number): string => `/api/stores/${store}/menu`,
  orders: (store: number): string => `/api/stores/${store}/orders`,
  order: (id: string): string => `/api/orders/${encodeURIComponent(id)}`,
  ticket: (url: string): string => `/api/tickets/resolve?url=${encodeURIComponent(url)}`,
}

export type ApiRoute =
  | { name: 'menu'; method: 'GET'; store: number }
  | { name: 'create-order'; method: 'POST'; store: number }
  | { name: 'order'; method: 'GET'; id: string }
  | { name: 'ticket'; method: 'GET' }

/** Which endpoint `path` (without query) names, or `null`; the method is the only one it accepts. */
export function matchApiPath(path: string): ApiRoute | null {
  const parts = path.split('/')
  if (parts[0] !== '' || parts[1] !== 'api') return null
  const store = parts.length === 5 && parts[2] === 'stores' ? paramValue(STORE_ID_PARAM, parts[3]) : undefined
  if (typeof store === 'number') {
    if (parts[4] === 'menu') return { name: 'menu', method: 'GET', store }
    if (parts[4] === 'orders') return { name: 'create-order', method: 'POST', store }
  }
  if (path === '/api/tickets/resolve') return { name: 'ticket', method: 'GET' }
  if (parts.length === 4 && parts[2] === 'orders' && isOrderId(parts[3])) {
    return { name: 'order', method: 'GET', id: parts[3] }
  }
  return null
}

/** A checked value, or the error that explains why it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: ApiError }

function good<T>(value: T): { ok: true; value: T } {
  return { ok: true, value }
}

function bad(code: ApiErrorCode, message: string, field?: string): { ok: false; error: ApiError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } }
}

function isFen(value: unknown): value is Fen {
  return isWhole(value) && value >= 0
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max
}

/** Refuses keys the contract does not know, so a typo ("qyt") is an error and not a silent default. */
function unknownKey(record: Record<string, unknown>, known: readonly string[]): string | undefined {
  return Object.keys(record).find((key) => !known.includes(key))
}

/** Checks the `Idempotency-Key` header value (16–64 characters of A–Z a–z 0–9 . _ : -). */
export function checkIdempotencyKey(value: unknown): Checked<string> {
  if (value === undefined || value === '') {
    return bad('idempotency-key-missing', `${IDEMPOTENCY_HEADER} header is required to create an order`)
  }
  if (typeof value !== 'string' || !KEY.test(value)) {
    return bad(
      'idempotency-key-invalid',
      `${IDEMPOTENCY_HEADER} must be 16-64 characters of A-Z a-z 0-9 . _ : -`
    )
  }
  return good(value)
}

/** Checks a create-order body: shape, limits, mode/table agreement, no repeated items. Prices are the backend's. */
export function checkCreateOrder(body: unknown): Checked<CreateOrderRequest> {
  if (!isObject(body)) return bad('invalid-body', 'the body must be a JSON object')
  const extra = unknownKey(body, ['mode', 'table', 'lines', 'note', 'total'])
  if (extra !== undefined) return bad('invalid-body', `unknown field "${extra}"`, `/${extra}`)
  const { mode, table, lines, note, total } = body
  if (mode !== 'dine-in' && mode !== 'takeaway') {
    return bad('invalid-body', 'mode must be "dine-in" or "takeaway"', '/mode')
  }
  if (
    mode === 'dine-in' &&
    (typeof table !== 'string' || paramValue(TABLE_NAME_PARAM, table) === undefined)
  ) {
    return bad('invalid-body', `dine-in needs a table matching ${TABLE_NAME_PARAM.pattern}`, '/table')
  }
  if (mode === 'takeaway' && table !== null) return bad('invalid-body', 'takeaway has table null', '/table')
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > LIMITS.lines) {
    return bad('invalid-body', `lines must list 1-${LIMITS.lines} items`, '/lines')
  }
  const seen = new Set<string>()
  const checked: OrderLineRequest[] = []
  for (let i = 0; i < lines.length; i += 1) {
    const line: unknown = lines[i]
    const at = `/lines/${i}`
    if (!isObject(line) || unknownKey(line, ['item', 'qty']) !== undefined) {
      return bad('invalid-body', 'each line is { item, qty }', at)
    }
    if (typeof line.item !== 'string' || !ITEM_ID.test(line.item)) {
      return bad('invalid-body', 'item must be a menu item id', `${at}/item`)
    }
    if (seen.has(line.item)) return bad('invalid-body', `item "${line.item}" is listed twice`, `${at}/item`)
    seen.add(line.item)
    if (!Number.isInteger(line.qty) || (line.qty as number) < 1 || (line.qty as number) > LIMITS.qty) {
      return bad('invalid-body', `qty must be an integer 1-${LIMITS.qty}`, `${at}/qty`)
    }
    checked.push({ item: line.item, qty: line.qty as number })
  }
  if (typeof note !== 'string' || note.length > LIMITS.note) {
    return bad('invalid-body', `note must be a string of at most ${LIMITS.note} characters`, '/note')
  }
  if (!isFen(total))
    return bad('invalid-body', 'total must be a non-negative integer number of fen', '/total')
  return good({ mode, table: mode === 'dine-in' ? (table as string) : null, lines: checked, note, total })
}

/** Checks a ticket answer: WeChat's scene_str is 1–64 characters, scene_id a positive 32-bit number. */
export function checkTicketScene(json: unknown): Checked<TicketScene> {
  const scene = isObject(json) ? json.scene : undefined
  if (typeof scene === 'string' && scene.length >= 1 && scene.length <= 64) return good({ scene })
  if (isWhole(scene) && scene > 0 && scene <= 0xffffffff) {
    return good({ scene })
  }
  return bad('invalid-body', 'a ticket answer is { scene: scene_str (1-64 characters) | scene_id }', '/scene')
}

/** Checks a menu answer (the client's guard against a backend that does not keep the contract). */
export function checkMenu(json: unknown): Checked<Menu> {
  if (!isObject(json) || !isObject(json.store) || !Array.isArray(json.categories)) {
    return bad('invalid-body', 'a menu is { store, categories }')
  }
  const { id, name } = json.store
  if (!Number.isSafeInteger(id) || !isText(name, 40))
    return bad('invalid-body', 'store is { id, name }', '/store')
  const categories: MenuCategory[] = []
  for (let c = 0; c < json.categories.length; c += 1) {
    const category: unknown = json.categories[c]
    if (
      !isObject(category) ||
      !isText(category.id, 32) ||
      !isText(category.name, 20) ||
      !Array.isArray(category.items)
    ) {
      return bad('invalid-body', 'a category is { id, name, items }', `/categories/${c}`)
    }
    const items: MenuItem[] = []
    for (let i = 0; i < category.items.length; i += 1) {
      const item: unknown = category.items[i]
      if (
        !isObject(item) ||
        typeof item.id !== 'string' ||
        !ITEM_ID.test(item.id) ||
        !isText(item.name, 40) ||
        !isFen(item.price)
      ) {
        return bad('invalid-body', 'an item is { id, name, price (fen) }', `/categories/${c}/items/${i}`)
      }
      items.push({ id: item.id, name: item.name, price: item.price })
    }
    categories.push({ id: category.id, name: category.name, items })
  }
  return good({ store: { id: id as number, name: name as string }, categories })
}

const STATUSES: readonly OrderStatus[] = ['received', 'preparing', 'ready']

/** Checks an order answer. */
export function checkOrder(json: unknown): Checked<Order> {
  if (!isObject(json)) return bad('invalid-body', 'an order is an object')
  const { id, number, store, mode, table, lines, note, total, status, createdAt } = json
  const ok =
    isOrderId(id) &&
    isText(number, 16) &&
    Number.isSafeInteger(store) &&
    (mode === 'dine-in' ? typeof table === 'string' : mode === 'takeaway' && table === null) &&
    Array.isArray(lines) &&
    typeof note === 'string' &&
    isFen(total) &&
    STATUSES.includes(status as OrderStatus) &&
    typeof createdAt === 'string'
  if (!ok)
    return bad(
      'invalid-body',
      'an order is { id, number, store, mode, table, lines, note, total, status, createdAt }'
    )
  const checkedLines: OrderLine[] = []
  for (let i = 0; i < (lines as unknown[]).length; i += 1) {
    const line = (lines as unknown[])[i]
    if (
      !isObject(line) ||
      typeof line.item !== 'string' ||
      !isText(line.name, 40) ||
      !isFen(line.price) ||
      !Number.isInteger(line.qty)
    ) {
      return bad('invalid-body', 'an order line is { item, name, price, qty }', `/lines/${i}`)
    }
    checkedLines.push({ item: line.item, name: line.name, price: line.price, qty: line.qty as number })
  }
  return good({
    id: id as string,
    number: number as string,
    store: store as number,
    mode: mode as Mode,
    table: table as string | null,
    lines: checkedLines,
    note: note as string,
    total: total as Fen,
    status: status as OrderStatus,
    createdAt: createdAt as string,
  })
}

/** The error inside an error answer, when the body is one; unknown codes are kept out of the typed union. */
export function readApiError(json: unknown): ApiError | null {
  if (!isObject(json) || !isObject(json.error)) return null
  const { code, message, field } = json.error
  if (
    typeof code !== 'string' ||
    !Object.prototype.hasOwnProperty.call(ERROR_STATUS, code) ||
    typeof message !== 'string'
  )
    return null
  const error: ApiError = { code: code as ApiErrorCode, message }
  if (typeof field === 'string') error.field = field
  return error
}

/** Builds an error answer's body. */
export function errorBody(code: ApiErrorCode, message: string, field?: string): ApiErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } }
}

/** True for an order id as the API issues them (also what the result page accepts in its query). */
export function isOrderId(value: unknown): value is string {
  return typeof value === 'string' && paramValue(ORDER_ID_PARAM, value) !== undefined
}

/** Sum of price × qty: the one way a total is computed, on both sides. */
export function linesTotal(lines: readonly { price: Fen; qty: number }[]): Fen {
  return lines.reduce((sum, line) => sum + line.price * line.qty, 0)
}
