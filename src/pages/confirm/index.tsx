import { Button, Textarea, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useRef, useState } from 'react'
import LineList from '../../components/line-list'
import StateView from '../../components/state-view'
import { isExpired } from '../../services/cart/arrive'
import {
  cartCount,
  cartTotal,
  idempotencyKey,
  orderRequest,
  setNote,
  type Cart,
} from '../../services/cart/cart'
import { clearCart, loadCart, saveCart } from '../../services/cart/cart-store'
import { formatFen } from '../../services/cart/money'
import { LIMITS } from '../../services/order-api/contract'
import { canRetry, failureText, orderApi, type FailureText } from '../../services/order-api'
import { goBack, showResult } from '../../services/order-navigation'
import { strings } from '../../strings'
import './index.scss'

type Submit =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'failed'; text: FailureText | 'notConfigured'; retry: boolean }

/** Items, total, table or pickup and a note; submits the cart as one order, however often it is tapped. */
export default function Confirm() {
  // undefined: not read yet.
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

  if (cart === undefined) return <View className='confirm' />
  if (cart === null) {
    return (
      <View className='confirm'>
        <StateView
          kind='empty'
          title={strings.confirm.empty}
          body={strings.confirm.emptyBody}
          action={{ text: strings.confirm.backToMenu, onClick: () => void goBack().catch(() => undefined) }}
        />
      </View>
    )
  }
  const total = formatFen(cartTotal(cart))
  const place =
    cart.mode === 'dine-in' && cart.table !== null
      ? `${strings.order.dineIn} · ${strings.order.table(cart.table)}`
      : strings.confirm.pickup
  return (
    <View className='confirm' id='confirm'>
      <View className='confirm__card'>
        {cart.storeName && <View className='confirm__store'>{cart.storeName}</View>}
        <View className='confirm__place' id='confirm-place'>
          {place}
        </View>
      </View>
      <View className='confirm__card'>
        <LineList lines={cart.lines} />
        <View className='confirm__total' id='confirm-total'>
          <View>{`${strings.confirm.total}（${strings.order.cartCount(cartCount(cart))}）`}</View>
          <View className='confirm__amount'>{total}</View>
        </View>
      </View>
      <View className='confirm__card'>
        <View className='confirm__label'>{strings.confirm.noteLabel}</View>
        <Textarea
          className='confirm__note'
          id='confirm-note'
          value={note}
          maxlength={LIMITS.note}
          placeholder={strings.confirm.notePlaceholder}
          autoHeight
          onInput={(e) => setNoteText(e.detail.value)}
        />
      </View>
      {submit.kind === 'failed' && (
        <View className='confirm__error' id='confirm-error'>
          {submit.text === 'notConfigured' ? strings.notConfigured.body : strings.apiErrors[submit.text]}
        </View>
      )}
      {submit.kind === 'failed' && !submit.retry ? (
        <Button
          className='confirm__submit'
          id='back-to-menu'
          onClick={() => void goBack().catch(() => undefined)}
        >
          {strings.confirm.backToMenu}
        </Button>
      ) : (
        <Button
          className='confirm__submit'
          id='submit-order'
          type='primary'
          loading={submit.kind === 'sending'}
          disabled={submit.kind === 'sending'}
          onClick={() => void send()}
        >
          {submit.kind === 'sending'
            ? strings.confirm.submitting
            : submit.kind === 'failed'
              ? strings.confirm.resubmit
              : strings.confirm.submit(total)}
        </Button>
      )}
    </View>
  )
}
