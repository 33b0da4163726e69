/**
 * Whether a stream of bytes is text: valid UTF-8 with no NUL or other control bytes than tab, line
 * feed, form feed and carriage return. Once a byte says no, the rest is not looked at.
 */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private textual = true;

  update(chunk: Buffer): void {
    if (!this.textual) return;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (
        (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) ||
        byte === 0x7f
      ) {
        this.textual = false;
        return;
      }
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.textual = false;
    }
  }

  end(): boolean {
    if (!this.textual) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}
