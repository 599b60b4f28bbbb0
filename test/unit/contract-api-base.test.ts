import { resolveApiBase } from '../../src/order/api-base'

describe('resolveApiBase', () => {
  it.each([
    ['http://127.0.0.1:3001', 'develop', 'http://127.0.0.1:3001'],
    ['http://127.0.0.1:3001/', undefined, 'http://127.0.0.1:3001'],
    ['  https://api.example.com/v2/  ', 'release', 'https://api.example.com/v2'],
    ['https://api.example.com:8443', 'trial', 'https://api.example.com:8443'],
    ['http://192.168.1.20:3001', 'develop', 'http://192.168.1.20:3001'],
  ] as const)('%s in %s is %s', (raw, env, base) => {
    expect(resolveApiBase(raw, env)).toEqual({ ok: true, base })
  })

  it.each([
    [undefined, 'develop', 'missing'],
    ['', 'release', 'missing'],
    ['   ', 'develop', 'missing'],
    ['127.0.0.1:3001', 'develop', 'invalid'],
    ['ftp://api.example.com', 'develop', 'invalid'],
    ['https://user:pw@api.example.com', 'develop', 'invalid'],
    ['https://api.example.com?x=1', 'develop', 'invalid'],
    ['https://api.example.com/#x', 'develop', 'invalid'],
    ['https://api example.com', 'develop', 'invalid'],
    ['http://api.example.com', 'release', 'insecure'],
    ['https://127.0.0.1:3001', 'release', 'insecure'],
    ['https://localhost', 'trial', 'insecure'],
    ['https://10.0.0.2', 'release', 'insecure'],
    ['https://172.20.1.1', 'release', 'insecure'],
    ['https://[::1]:3001', 'release', 'insecure'],
  ] as const)('%j in %s is refused as %s', (raw, env, reason) => {
    expect(resolveApiBase(raw, env)).toMatchObject({ ok: false, reason })
  })

  it('treats a public host in 172.x outside the private range as public', () => {
    expect(resolveApiBase('https://172.32.0.1', 'release')).toEqual({ ok: true, base: 'https://172.32.0.1' })
  })
})
