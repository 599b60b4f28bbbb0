import { useLoad } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { canRetry, failureText, type FailureText } from '../order/api-failure'
import { idempotencyKey, orderRequest, setNote, type Cart } from '../order/cart'
import { isExpired } from '../order/cart-arrival'
import { clearCart, loadCart, saveCart } from '../services/cart-store'
import { orderApi } from '../services/order-api'
import { showResult } from '../services/order-navigation'

export type Submit =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'failed'; text: FailureText | 'notConfigured'; retry: boolean }

export interface ConfirmOrder {
  /** `undefined` until read; `null`: nothing to order (no cart, an empty or a day-old one). */
  cart: Cart | null | undefined
  note: string
  setNoteText(text: string): void
  submit: Submit
  /** Sends the cart as one order, however often it is tapped (the same key and body for the same cart). */
  send(): Promise<void>
}

/** The confirm page's state: the stored cart, the note being written, and the order being submitted. */
export function useConfirmOrder(): ConfirmOrder {
  const [cart, setCart] = useState<Cart | null | undefined>(undefined)
  const [note, setNoteText] = useState('')
  const [submit, setSubmit] = useState<Submit>({ kind: 'idle' })
  // A ref, not state: a second tap in the same frame must see the first one.
  const sending = useRef(false)

  useLoad(() => {
    const stored = loadCart()
    const usable = stored && !isExpired(stored, Date.now()) && stored.lines.length > 0 ? stored : null
    setCart(usable)
    setNoteText(usable?.note ?? '')
  })

  const send = async () => {
    if (sending.current || !cart) return
    const setup = orderApi()
    if (!setup.ok) return setSubmit({ kind: 'failed', text: 'notConfigured', retry: false })
    sending.current = true
    setSubmit({ kind: 'sending' })
    // The note is part of the order: a changed note is a new key, an unchanged one keeps the key of the last try.
    const toSend = setNote(cart, note, Date.now())
    if (toSend !== cart) {
      saveCart(toSend)
      setCart(toSend)
    }
    const result = await setup.api.createOrder(toSend.store, idempotencyKey(toSend), orderRequest(toSend))
    if (result.ok) {
      clearCart()
      // Stays "sending": this page is being replaced. Should the move fail, a new tap replays the same order.
      showResult(result.value.id).catch(() => {
        sending.current = false
        setSubmit({ kind: 'idle' })
      })
      return
    }
    sending.current = false
    setSubmit({ kind: 'failed', text: failureText(result.error), retry: canRetry(result.error) })
  }

  return { cart, note, setNoteText, submit, send }
}
