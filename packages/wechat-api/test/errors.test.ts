// The one error table, the error classes and redaction: what a caller reads off an error, and what never shows.
import {
  bodyExcerpt,
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

  it('says what to do about 40001 for a token given as is, without claiming a new one was fetched', () => {
    const fetched = new WechatError('qrcodejumpget', 40001, 'invalid credential')
    expect(fetched.message).toContain('even after fetching a new one')
    const given = new WechatError('qrcodejumpget', 40001, 'invalid credential', { givenToken: true })
    expect(given.message).not.toContain('fetching a new one')
    expect(given.message).toContain('WECHAT_ACCESS_TOKEN')
    expect(given.message).toContain('WECHAT_APPID + WECHAT_SECRET')
  })

  // Issue 10 §4: what a refusal refuses beyond its own call decides whether the rest of a run can go on.
  it.each([
    [85066, 'prefix'],
    [85068, 'prefix'],
    [85069, 'prefix'],
    [85070, 'prefix'],
    [85072, 'prefix'],
    [85095, 'prefix'],
    [40097, 'prefix'],
    [85073, 'api'],
    [85074, 'api'],
    [886000, 'api'],
    [40001, undefined],
    [61007, undefined],
    [85075, undefined],
    [45009, undefined],
    [99999, undefined],
    [-1, undefined],
  ])('scopes %i to %s (undefined: everything stops)', (code, scope) => {
    expect(new WechatError('qrcodejumpadd', code, undefined).refuses).toBe(scope)
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
    const page = '<!DOCTYPE html><html><head><title>Login required</title></head><body>…</body></html>'
    const error = new HttpError('token', 200, 'text/html; charset=utf-8', "WeChat's JSON answer", page)
    expect(error.message).toBe(
      'token: the server answered HTTP 200 (text/html; charset=utf-8: "Login required") where WeChat\'s JSON ' +
        'answer was expected. Check WECHAT_API_BASE (a proxy, a captive portal or a wrong host answers like this).'
    )
  })

  it.each([
    {
      what: 'an HTML title',
      body: '<html><title> 502\n Bad Gateway </title></html>',
      type: 'text/html',
      shown: '"502 Bad Gateway"',
    },
    {
      what: 'the first words of a page without a title',
      body: '<h1>Not Found</h1><p>nginx</p>',
      type: 'text/html',
      shown: '"Not Found nginx"',
    },
    {
      what: 'plain text',
      body: 'upstream connect error',
      type: 'text/plain',
      shown: '"upstream connect error"',
    },
    { what: 'nothing', body: '', type: '', shown: 'empty' },
    {
      what: 'no bytes of an image',
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
      type: 'image/png',
      shown: '',
    },
    {
      what: 'at most 80 characters',
      body: 'x'.repeat(200),
      type: 'text/plain',
      shown: `"${'x'.repeat(79)}…"`,
    },
  ])("shows $what of an answer that is not WeChat's", ({ body, type, shown }) => {
    expect(bodyExcerpt(body, type)).toBe(shown)
  })

  it('masks a credential echoed in the page it quotes', () => {
    const error = new HttpError(
      'token',
      400,
      'text/plain',
      "WeChat's JSON answer",
      'bad request: secret=abcdef123456'
    )
    expect(error.message).toContain('secret=***')
    expect(error.message).not.toContain('abcdef123456')
  })

  it('never carries a credential in its message', () => {
    const error = new NetworkError('token', 'GET /cgi-bin/token?appid=wx1&secret=abcdefgh12345678 failed')
    expect(error.message).not.toContain('abcdefgh12345678')
  })
})
