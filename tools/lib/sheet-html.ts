// The printable QR sheet (index.html): A4 pages of cards, each card one code with its link, its rule, the version it
// opens and where the core lands it. Pages are explicit (CARDS_PER_PAGE cards, then a page break) and every card is
// unbreakable, so a printer never cuts a code in two.
import { describeParams, OPEN_VERSION_WORDS } from './describe'
import { ERROR_CORRECTION } from './qr-images'
import type { SheetCode } from './sheet-codes'
import { explainError } from '../../src/landing/explain'

/** Two columns of four 62 mm cards fit an A4 page with 12 mm margins (186 × 273 mm), under an 8 mm page header. */
export const CARDS_PER_PAGE = 8

/** Marks a folder as a QR sheet: qr:sheet replaces only folders that carry it (or are empty). */
export const SHEET_GENERATOR = 'scan-to-order qr:sheet'

/** The whole index.html for `codes`; `source` names the rule file in the header. */
export function sheetHtml(codes: readonly SheetCode[], source: string): string {
  const pages: string[] = []
  const total = Math.max(1, Math.ceil(codes.length / CARDS_PER_PAGE))
  for (let p = 0; p < total; p++) {
    const cards = codes.slice(p * CARDS_PER_PAGE, (p + 1) * CARDS_PER_PAGE).map(card)
    const header = `QR sheet for ${escapeHtml(source)} · page ${p + 1} of ${total} · error correction ${ERROR_CORRECTION}`
    pages.push(
      // Cards joined without whitespace: a space between inline-blocks would push the second column over.
      `<section class="page">\n<header>${header}</header>\n${cards.join('') || '<p>No codes.</p>'}\n</section>`
    )
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="${SHEET_GENERATOR}">
<title>QR sheet · ${escapeHtml(source)}</title>
<style>
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 8.5pt/1.35 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #111; }
.page { width: 186mm; break-after: page; }
.page:last-child { break-after: auto; }
header { height: 8mm; font-size: 7.5pt; color: #555; }
/* inline-block cards are atomic: a page break can fall between them, never through one. */
.card { display: inline-block; vertical-align: top; width: 91.5mm; height: 62mm; margin: 0 1mm 2mm 0; padding: 2.5mm;
  border: 0.3mm dashed #999; overflow: hidden; break-inside: avoid; page-break-inside: avoid; }
.card:nth-of-type(2n) { margin-right: 0; }
.card .top { display: flex; gap: 2.5mm; margin-bottom: 1.5mm; }
.card img { flex: none; width: 38mm; height: 38mm; image-rendering: pixelated; }
.card dl { flex: 1; min-width: 0; margin: 0; }
.card dt { font-weight: bold; font-size: 7pt; color: #555; text-transform: uppercase; }
.card dd { margin: 0 0 1mm 0; overflow-wrap: anywhere; }
.link { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; overflow-wrap: anywhere; }
.error { color: #b00020; }
@media screen {
  body { background: #ddd; padding: 8mm 0; }
  .page { margin: 0 auto 8mm; padding: 12mm; width: 210mm; min-height: 297mm; background: #fff; }
}
</style>
</head>
<body>
${pages.join('\n')}
</body>
</html>
`
}

function card(code: SheetCode): string {
  const src = code.source
  const rule =
    src.kind === 'debug_url'
      ? `${escapeHtml(src.prefix)} <small>(debug_url ${src.position} of ${src.of})</small>`
      : `service-account ticket for ${escapeHtml(src.appid)}, scene ${escapeHtml(String(src.scene))}`
  const opens =
    src.kind === 'debug_url'
      ? `${OPEN_VERSION_WORDS[src.openVersion] ?? 'unknown'} version (open_version ${src.openVersion})`
      : 'release version (ticket rules have no open_version)'
  const l = code.landed
  const lands = l.ok
    ? `${escapeHtml(l.page)}<br>${escapeHtml(describeParams(l.params))}`
    : `<span class="error">error page: ${escapeHtml(l.code)}</span><br>${escapeHtml(explainError(l).message)}`
  return `<div class="card" id="${code.id}">
<div class="top"><img src="${code.id}.svg" alt="QR code for ${escapeHtml(code.link)}">
<dl><dt>Rule</dt><dd>${rule}</dd><dt>Opens for testers</dt><dd>${opens}</dd><dt>Lands on</dt><dd>${lands}</dd></dl></div>
<div class="link">${escapeHtml(code.link)}</div>
</div>`
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
