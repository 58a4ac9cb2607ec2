/**
 * The little XML the query protocol needs: escaped text and elements. Carriage returns are
 * written as character references because XML parsers normalise a literal CR (or CRLF) to
 * LF, which would change a message body and break its MD5.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return '&#xD;';
    }
  });
}

/** `<name>inner</name>`; `inner` must already be XML (escape text with escapeXml). */
export function el(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`;
}
