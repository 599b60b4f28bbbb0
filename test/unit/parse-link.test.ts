import { LANDING_LIMITS, parseLink, type Link } from '../../src/landing'

interface ParseCase {
  name: string
  text: string
  link: Omit<Link, 'href'>
}

const PARSED: ParseCase[] = [
  {
    name: 'an https link',
    text: 'https://shop.example.com/s/12/t/5',
    link: { scheme: 'https', host: 'shop.example.com', path: '/s/12/t/5', query: null, hash: null },
  },
  {
    name: 'an http link',
    text: 'http://www.qq.com/a/b',
    link: { scheme: 'http', host: 'www.qq.com', path: '/a/b', query: null, hash: null },
  },
  {
    name: 'an ftp link (seed 004 lists ftp)',
    text: 'ftp://wx.qq.com/mp',
    link: { scheme: 'ftp', host: 'wx.qq.com', path: '/mp', query: null, hash: null },
  },
  {
    name: 'an upper-case scheme and host, lower-cased; the path kept as printed',
    text: 'HTTPS://WWW.QQ.COM/A/B?ID=1',
    link: { scheme: 'https', host: 'www.qq.com', path: '/A/B', query: 'ID=1', hash: null },
  },
  {
    name: 'a port, kept as part of the host',
    text: 'https://shop.example.com:8443/s/12',
    link: { scheme: 'https', host: 'shop.example.com:8443', path: '/s/12', query: null, hash: null },
  },
  {
    name: 'an empty path as "/"',
    text: 'https://www.qq.com',
    link: { scheme: 'https', host: 'www.qq.com', path: '/', query: null, hash: null },
  },
  {
    name: 'an empty path before a query as "/"',
    text: 'https://www.qq.com?id=1',
    link: { scheme: 'https', host: 'www.qq.com', path: '/', query: 'id=1', hash: null },
  },
  {
    name: 'no "?" as a null query',
    text: 'http://www.qq.com/mypath',
    link: { scheme: 'http', host: 'www.qq.com', path: '/mypath', query: null, hash: null },
  },
  {
    name: 'a trailing "?" as an empty query',
    text: 'http://www.qq.com/mypath?',
    link: { scheme: 'http', host: 'www.qq.com', path: '/mypath', query: '', hash: null },
  },
  {
    name: 'a hash split off the query',
    text: 'https://a.com/p?x=1#frag',
    link: { scheme: 'https', host: 'a.com', path: '/p', query: 'x=1', hash: 'frag' },
  },
  {
    name: 'a "?" after "#" as part of the hash',
    text: 'https://a.com/p#frag?x=1',
    link: { scheme: 'https', host: 'a.com', path: '/p', query: null, hash: 'frag?x=1' },
  },
  {
    name: 'escapes and Chinese text in path and query, as printed',
    text: 'https://a.com/%E5%BA%97/桌?名=张三',
    link: { scheme: 'https', host: 'a.com', path: '/%E5%BA%97/桌', query: '名=张三', hash: null },
  },
  {
    name: 'a host with a trailing dot and digits',
    text: 'https://m-1.example.com./x',
    link: { scheme: 'https', host: 'm-1.example.com.', path: '/x', query: null, hash: null },
  },
]

describe('parseLink', () => {
  it.each(PARSED)('parses $name', ({ text, link }) => {
    expect(parseLink(text)).toEqual({ ok: true, value: { ...link, href: text } })
  })

  it('accepts a link of exactly maxLinkLength characters', () => {
    const base = 'https://a.com/'
    const text = base + 'x'.repeat(LANDING_LIMITS.maxLinkLength - base.length)
    expect(parseLink(text).ok).toBe(true)
  })

  interface RefusedCase {
    name: string
    text: string
  }
  const REFUSED: RefusedCase[] = [
    { name: 'user info before the host', text: 'https://user@shop.example.com/s/12' },
    { name: 'user and password before the host', text: 'https://user:pw@shop.example.com/s/12' },
    { name: 'a host hidden behind "@"', text: 'https://shop.example.com@evil.example/s/12' },
    { name: 'a backslash', text: 'https://shop.example.com\\evil.example/s/12' },
    { name: 'a CR', text: 'https://shop.example.com/s/12\r' },
    { name: 'an LF', text: 'https://shop.example.com/s/12\nSet-Cookie: x' },
    { name: 'a NUL', text: 'https://shop.example.com/s/12\u0000' },
    { name: 'a space', text: 'https://shop.example.com/s/12 13' },
    { name: 'a leading space', text: ' https://shop.example.com/s/12' },
    { name: 'a tab', text: 'https://shop.example.com/s/\t12' },
    { name: 'a DEL', text: 'https://shop.example.com/s/12\u007f' },
    { name: 'an empty host', text: 'https:///s/12' },
    { name: 'a host starting with "-"', text: 'https://-shop.example.com/' },
    { name: 'a host with an empty label', text: 'https://shop..example.com/' },
    { name: 'a host with two trailing dots', text: 'https://shop.example.com../' },
    { name: 'a host that is only "."', text: 'https://./s/12' },
    { name: 'a host with "_"', text: 'https://shop_1.example.com/' },
    { name: 'a non-ASCII host (not punycode)', text: 'https://店.example.com/' },
    { name: 'a host label longer than 63', text: `https://${'a'.repeat(64)}.com/` },
    { name: 'an empty port', text: 'https://shop.example.com:/s/12' },
    { name: 'a non-numeric port', text: 'https://shop.example.com:8o/s/12' },
    { name: 'a port longer than 5 digits', text: 'https://shop.example.com:123456/' },
    { name: 'a link without scheme', text: 'shop.example.com/s/12' },
    { name: 'a scheme without "//"', text: 'mailto:someone@example.com' },
    { name: 'a scheme starting with a digit', text: '1http://a.com/' },
    { name: 'plain digits', text: '12' },
    { name: 'empty text', text: '' },
    {
      name: 'a link longer than maxLinkLength',
      text: `https://a.com/${'x'.repeat(LANDING_LIMITS.maxLinkLength)}`,
    },
  ]

  it.each(REFUSED)('refuses $name with not-a-link', ({ text }) => {
    const parsed = parseLink(text)
    expect(parsed).toMatchObject({ ok: false, code: 'not-a-link' })
    if (!parsed.ok) expect((parsed.input ?? '').length).toBeLessThanOrEqual(LANDING_LIMITS.maxShownInput)
  })
})
