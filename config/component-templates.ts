// A Taro plugin of the mini program builds (config/index.ts). base.wxml holds a template for each component Taro may
// render, written once per level (baseLevel). Taro's default set (`componentConfig.includes` in
// @tarojs/webpack5-runner's utils/component.js) always has scroll-view, about 9 KB of templates that no page of ours
// renders; Taro's runtime never creates one itself. A component a page imports from @tarojs/components is added to
// the set while building (TaroComponentsExportsPlugin), so a page that uses ScrollView gets its templates back.
// modifyComponentConfig: a hook of @tarojs/cli 4.1.11 (src/presets/hooks/build.ts), run before the pages are parsed.
import type { IPluginContext } from '@tarojs/service'

/** Components of Taro's default set that a page must import to get. */
const ON_USE_ONLY = ['scroll-view']

export default (ctx: IPluginContext) => {
  ctx.modifyComponentConfig(({ componentConfig }: { componentConfig: { includes: Set<string> } }) => {
    for (const name of ON_USE_ONLY) componentConfig.includes.delete(name)
  })
}
