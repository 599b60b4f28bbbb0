// A fake WeChat on 127.0.0.1 for tests and local runs (`npm run fake-wechat`): WeChat's documented requests, answers
// and error codes, tokens that expire, rate limits, late answers and injected faults.
export {
  FAKE_CREDENTIALS,
  FakeWechat,
  type FakeCall,
  type FakeOptions,
  type FakeSnapshot,
  type Fault,
} from './server'
export { TICKET_PREFIX } from './jump-rule'
export { DEFAULT_WORLD, World, type Reply, type WorldOptions } from './world'
export { FAKE_CODE_SCHEME, fakeCodeText, readFakeCodeText, type FakeCodeContent } from './wxacode'
