import { View } from '@tarojs/components'
import type { Menu, MenuItem } from '../../order/api-contract'
import { formatFen } from '../../order/money'
import QtyStepper from '../qty-stepper'
import './index.scss'

interface Props {
  menu: Menu
  qtyOf: (itemId: string) => number
  onAdd: (item: MenuItem) => void
  onRemove: (item: MenuItem) => void
}

/** The menu by category, each item with its price and a stepper. */
export default function MenuList({ menu, qtyOf, onAdd, onRemove }: Props) {
  return (
    <View className='menu-list' id='menu'>
      {menu.categories
        .filter((category) => category.items.length > 0)
        .map((category) => (
          <View className='menu-list__category' key={category.id}>
            <View className='menu-list__category-name'>{category.name}</View>
            {category.items.map((item) => (
              <View className='menu-list__item' key={item.id} id={`item-${item.id}`}>
                <View className='menu-list__info'>
                  <View className='menu-list__name'>{item.name}</View>
                  <View className='menu-list__price'>{formatFen(item.price)}</View>
                </View>
                <QtyStepper
                  id={`item-${item.id}`}
                  qty={qtyOf(item.id)}
                  onAdd={() => onAdd(item)}
                  onRemove={() => onRemove(item)}
                />
              </View>
            ))}
          </View>
        ))}
    </View>
  )
}
