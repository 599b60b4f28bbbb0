/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Taro's build target, set by the CLI. */
    TARO_ENV: 'weapp' | 'h5'
    /** WeChat appid written into project.config.json by the build; the tourist appid when unset. */
    TARO_APP_ID?: string
  }
}
