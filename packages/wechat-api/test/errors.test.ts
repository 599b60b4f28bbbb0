// The one error table, the error classes and redaction: what a caller reads off an error, and what never shows.
import {
  HttpError,
  NetworkError,
  WECHAT_ERRORS,
  WechatApiError,
  WechatError,
  redact,
  registerSecret,
} from '../src'

describe('redact', () => {
  it.each([
    [
      'https://api.weixin.qq.com/cgi-bin/wxopen/qrcodejumpget?access_token=ABC123xyz&x=1',
      'access_token=***&x=1',
    ],
    ['GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s3cr3tvalue', 'appid=wx1&secret=***'],
    ['{"access_token":"tok-en.value","expires_in":7200}', '{"access_token":"***","expires_in":7200}'],
    ['authorizer_access_token=zzz', 'authorizer_access_token=***'],
  ])('masks credentials in %s', (text, expected) => {
    expect(redact(text)).toContain(expected)
  })

  it('masks a registered value wherever it appears', () => {
    registerSecret('the-live-token-0123456789')
    expect(redact('WeChat echoed the-live-token-0123456789 back')).toBe('WeChat echoed *** back')
  })
})

describe('error table', () => {
  // Every code wechat-facts §4 and the seeds document, plus the token endpoint's and the global ones they point to,
  // and wxacode.getUnlimited's (scene, length, page).
  const DOCUMENTED = [
    -1, 40001, 40097, 40129, 40169, 41030, 44990, 61007, 85066, 85068, 85069, 85070, 85071, 85072, 85073,
    85074, 85075, 85095, 886000, 886001,
  ]

  it.each(DOCUMENTED)('maps %i to a typed error with what to do', (code) => {
    const spec = WECHAT_ERRORS[code]
    expect(spec).toBeDefined()
    const error = new WechatError('qrcodejumpadd', code, 'from WeChat')
    expect(error).toBeInstanceOf(WechatApiError)
    expect(error.code).toBe(code)
    expect(error.errmsg).toBe('from WeChat')
    expect(error.message).toContain(spec.action)
    expect(error.retryable).toBe(spec.handling === 'retry')
  })

  it('retries busy and rate answers only', () => {
    const retryable = Object.entries(WECHAT_ERRORS)
      .filter(([, s]) => s.handling === 'retry')
      .map(([c]) => Number(c))
      .sort((a, b) => a - b)
    expect(retryable).toEqual([-1, 44990, 45011, 886001])
  })

  it('keeps the 45011 wait (the next minute) in the table, not in the retry loop', () => {
    expect(WECHAT_ERRORS[45011].retryAfterMs).toBe(60_000)
    expect(new WechatError('qrcodejumpadd', 45011, undefined).retryAfterMs).toBe(60_000)
    expect(new WechatError('qrcodejumpadd', -1, undefined).retryAfterMs).toBeUndefined()
  })

  it('treats an unknown code as final and says where to look', () => {
    const error = new WechatError('qrcodejumpadd', 99999, 'new code')
    expect(error.retryable).toBe(false)
    expect(error.message).toContain("WeChat's global error codes")
  })
})

describe('one base class with retryable', () => {
  it.each([
    { what: 'no answer at all', error: new NetworkError('qrcodejumpget', 'ECONNRESET'), retryable: true },
    {
      what: 'a 502 from a proxy',
      error: new HttpError('showqrcode', 502, 'text/html', 'an image'),
      retryable: true,
    },
    { what: 'a 404', error: new HttpError('showqrcode', 404, 'text/html', 'an image'), retryable: false },
    {
      what: 'HTML with 200',
      error: new HttpError('token', 200, 'text/html', 'a JSON answer'),
      retryable: false,
    },
  ])('$what is a WechatApiError with retryable $retryable', ({ error, retryable }) => {
    expect(error).toBeInstanceOf(WechatApiError)
    expect(error.retryable).toBe(retryable)
  })

  it('says what was received instead of "busy" for an answer that is not WeChat JSON', () => {
    const error = new HttpError('token', 200, 'text/html; charset=utf-8', 'a JSON answer')
    expect(error.message).toBe(
      'token: WeChat answered HTTP 200 (text/html; charset=utf-8) where a JSON answer was expected. ' +
        'Check WECHAT_API_BASE (a proxy or a wrong host answers like this).'
    )
  })

  it('never carries a credential in its message', () => {
    const error = new NetworkError('token', 'GET /cgi-bin/token?appid=wx1&secret=abcdefgh12345678 failed')
    expect(error.message).not.toContain('abcdefgh12345678')
  })
})
