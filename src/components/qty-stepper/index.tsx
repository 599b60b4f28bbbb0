import { View } from '@tarojs/components'
import { strings } from '../../strings'
import './index.scss'

interface Props {
  /** Prefix of the buttons' ids: `<id>-add`, `<id>-remove`, `<id>-qty`. */
  id: string
  qty: number
  onAdd: () => void
  onRemove: () => void
}

/** − qty + for one menu item; only + until there is one. */
export default function QtyStepper({ id, qty, onAdd, onRemove }: Props) {
  return (
    <View className='qty-stepper'>
      {qty > 0 && (
        <View
          className='qty-stepper__button'
          id={`${id}-remove`}
          ariaRole='button'
          ariaLabel={strings.order.remove}
          onClick={onRemove}
        >
          −
        </View>
      )}
      {qty > 0 && (
        <View className='qty-stepper__qty' id={`${id}-qty`}>
          {qty}
        </View>
      )}
      <View
        className='qty-stepper__button qty-stepper__button--add'
        id={`${id}-add`}
        ariaRole='button'
        ariaLabel={strings.order.add}
        onClick={onAdd}
      >
        +
      </View>
    </View>
  )
}
