import type { MenuState } from '../../hooks/use-menu'
import type { MenuItem } from '../../order/api-contract'
import { qtyOf, type Cart } from '../../order/cart'
import { strings } from '../../strings'
import ApiState from '../api-state'
import MenuList from '../menu-list'
import StateView from '../state-view'

interface Props {
  menu: MenuState
  cart: Cart | null
  onRetry: () => void
  onAdd: (item: MenuItem) => void
  onRemove: (item: MenuItem) => void
}

/** The order page's middle: the menu with each item's quantity in the cart, or why there is no menu to show. */
export default function MenuSection({ menu, cart, onRetry, onAdd, onRemove }: Props) {
  switch (menu.kind) {
    case 'loading':
    case 'not-configured':
    case 'failed':
      return (
        <ApiState
          wait={menu}
          loading={strings.order.menuLoading}
          failed={strings.order.menuFailed}
          onRetry={onRetry}
        />
      )
    case 'ready':
      if (menu.menu.categories.every((category) => category.items.length === 0)) {
        return (
          <StateView
            kind='empty'
            title={strings.order.menuEmpty}
            body={strings.order.menuEmptyBody}
            action={{ text: strings.order.retry, onClick: onRetry }}
          />
        )
      }
      return <MenuList menu={menu.menu} qtyOf={(id) => qtyOf(cart, id)} onAdd={onAdd} onRemove={onRemove} />
  }
}
