// Links at the longest a QR code holds, shaped to make a careless regular expression backtrack. The hostile-link
// tests pin where each lands; `npm run bench` times them against ordinary links (cost must stay linear).
import { LANDING_LIMITS, type LandingErrorCode } from '../../src/landing'

const n = LANDING_LIMITS.maxLinkLength

export const LONG_LINKS: ReadonlyArray<{ name: string; content: string; code: LandingErrorCode }> = [
  { name: 'a long host label', content: `https://${'a'.repeat(n - 10)}!`, code: 'not-a-link' },
  { name: 'many host labels', content: `https://${'a.'.repeat((n - 10) / 2)}-`, code: 'not-a-link' },
  { name: 'a long host of dashes', content: `https://a${'-'.repeat(n - 12)}`, code: 'not-a-link' },
  { name: 'a long scheme', content: `${'a'.repeat(n - 1)}!`, code: 'not-a-link' },
  {
    name: 'a long path of lone %',
    content: `https://shop.example.com/s/${'%'.repeat(n - 40)}`,
    code: 'invalid-param',
  },
  // A declared key given over and over: read to the end, then refused (a declared key is given once).
  {
    name: 'a long query of one declared key, repeated',
    content: `https://shop.example.com/s/1?${'mode=takeaway&'.repeat((n - 40) / 14)}`,
    code: 'invalid-param',
  },
]
