import { zhCN } from './zh-CN'

/** Every text a customer sees. One module per language; `zhCN` is WeChat's users' language and the default. */
export type Strings = typeof zhCN

export const strings: Strings = zhCN
