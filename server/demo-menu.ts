import type { Menu } from '../src/order/api-contract'

/** A store of the demo backend: its public menu plus what the backend alone knows (its tables). */
export interface DemoStore {
  menu: Menu
  tables: readonly string[]
  takeaway: boolean
}

const tables = (count: number): string[] => Array.from({ length: count }, (_, i) => String(i + 1))

/** The bundled demo data: store 12 is where the project's rules.json routes (tables 1-20), store 7 a second one. */
export const DEMO_STORES: readonly DemoStore[] = [
  {
    tables: tables(20),
    takeaway: true,
    menu: {
      store: { id: 12, name: '小满面馆' },
      categories: [
        {
          id: 'noodles',
          name: '招牌面',
          items: [
            { id: 'beef-noodles', name: '红烧牛肉面', price: 2800 },
            { id: 'tomato-egg-noodles', name: '番茄鸡蛋面', price: 1800 },
            { id: 'hot-sour-noodles', name: '酸辣粉', price: 1500 },
          ],
        },
        {
          id: 'sides',
          name: '小吃',
          items: [
            { id: 'marinated-egg', name: '卤蛋', price: 300 },
            { id: 'cucumber-salad', name: '拍黄瓜', price: 800 },
            { id: 'pan-fried-dumplings', name: '煎饺（6个）', price: 1200 },
          ],
        },
        {
          id: 'drinks',
          name: '饮品',
          items: [
            { id: 'plum-juice', name: '酸梅汤', price: 600 },
            { id: 'soy-milk', name: '现磨豆浆', price: 500 },
          ],
        },
      ],
    },
  },
  {
    tables: tables(8),
    takeaway: true,
    menu: {
      store: { id: 7, name: '青柠轻食' },
      categories: [
        {
          id: 'bowls',
          name: '沙拉碗',
          items: [
            { id: 'chicken-bowl', name: '香煎鸡胸沙拉', price: 3200 },
            { id: 'tofu-bowl', name: '藜麦豆腐沙拉', price: 2900 },
          ],
        },
        {
          id: 'drinks',
          name: '饮品',
          items: [{ id: 'lime-soda', name: '青柠苏打', price: 1200 }],
        },
      ],
    },
  },
]
