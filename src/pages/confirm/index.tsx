import { Button, Textarea, View } from '@tarojs/components'
import LineList from '../../components/line-list'
import StateView from '../../components/state-view'
import { useConfirmOrder } from '../../hooks/use-confirm-order'
import { LIMITS } from '../../order/api-contract'
import { cartCount, cartTotal } from '../../order/cart'
import { formatFen } from '../../order/money'
import { backToOrder } from '../../services/order-navigation'
import { strings } from '../../strings'
import { placeText } from '../../strings/place'
import './index.scss'

/** Items, total, table or takeaway and a note; submits the cart as one order, however often it is tapped. */
export default function Confirm() {
  const { cart, note, setNoteText, submit, send } = useConfirmOrder()
  const back = () => void backToOrder(cart ?? null).catch(() => undefined)

  if (cart === undefined) return <View className='confirm' />
  if (cart === null) {
    return (
      <View className='confirm'>
        <StateView
          kind='empty'
          title={strings.confirm.empty}
          body={strings.confirm.emptyBody}
          action={{ text: strings.confirm.backToMenu, onClick: back }}
        />
      </View>
    )
  }
  const total = formatFen(cartTotal(cart))
  const place = placeText(cart, { pickupNote: true })
  return (
    <View className='confirm' id='confirm'>
      <View className='card'>
        {cart.storeName && <View className='confirm__store'>{cart.storeName}</View>}
        <View className='confirm__place' id='confirm-place'>
          {place}
        </View>
      </View>
      <View className='card'>
        <LineList lines={cart.lines} />
        <View className='confirm__total' id='confirm-total'>
          <View>{`${strings.confirm.total}（${strings.order.cartCount(cartCount(cart))}）`}</View>
          <View className='confirm__amount'>{total}</View>
        </View>
      </View>
      <View className='card'>
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
        <Button className='confirm__submit' id='back-to-menu' onClick={back}>
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
